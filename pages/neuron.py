import streamlit as st  # placeholder until the lesson lands

st.write("todo")
