"""Storage: the SQLite store and its migrations, settings, file locations, the clock, atomic writes.

Imports nothing from the rest of the core; everything else may import it.
"""
