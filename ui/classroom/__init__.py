"""Class mode in the app: the class page (start, join, the teacher's dashboard) and what
a student's Playground does in a class (its banner, its reports)."""
