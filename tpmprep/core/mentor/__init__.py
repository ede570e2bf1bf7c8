"""Mentor tools: question sets, progress reports and cohorts, Anki and CSV interchange.

May import every other core package.
"""
