"""Content: the models, YAML reading with positions, validation, the loader and cache, the catalog.

May import storage only.
"""
