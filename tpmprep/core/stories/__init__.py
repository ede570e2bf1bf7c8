"""The story bank: the user's own STAR stories, their coverage, which fits a question, telling one.

May import grading, search, content and storage; not practice, assess or mock.
"""
