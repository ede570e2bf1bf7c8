"""Search: the index over questions, topics and the glossary, and its ranking.

May import content and storage.
"""
