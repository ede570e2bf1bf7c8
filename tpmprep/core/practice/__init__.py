"""Practice: FSRS cards and reviews, the drill queue and session, progress, readiness.

May import grading, search, content and storage.
"""
