"""Class mode: a teacher's class, its students' latest runs and its challenge, kept in a
real database (SQLite by default, PostgreSQL given its URL). No Streamlit here: the
pages use it through ui/classroom/, and its tests run without a browser."""
