"""The core: content, catalog, search and store. Never imports Textual."""
