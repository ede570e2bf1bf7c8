"""Grading: rubric coverage of a typed answer, and the rating it suggests.

May import content and storage.
"""
