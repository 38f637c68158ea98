"""Permission tests by construction: every registered record type × role × place × action.

rules.py   who may read and write what, as a small table per visibility class
data.py    per model: how to make a record at a place, and a valid create / edit payload
matrix.py  the engine that drives the pages and the API and compares with rules.py
base.py    reusable test classes (list / create / edit / import / permissions) for one model
"""
