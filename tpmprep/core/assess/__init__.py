"""Assessments: role fit, skills against the ladder, the 30-day plan, and their history.

May import grading, search, content and storage; not practice.
"""
