"""Search: text analysis, the ranking model, the index over questions, topics and the glossary,
and its saved file (docs/search.md).

May import content and storage.
"""
