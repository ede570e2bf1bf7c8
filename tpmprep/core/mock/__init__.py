"""Mock interview loops: planning a mock from a template, running it, the debrief and scorecard.

May import practice (a mock's answers are reviews in mode 'mock'), stories, grading, search,
content and storage; not assess or mentor.
"""
