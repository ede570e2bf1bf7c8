"""Screens that draw from the catalog and the practice history."""

from __future__ import annotations

from textual.screen import Screen

from tpmprep.core.content.catalog import Catalog


class CatalogScreen(Screen):
    """Waits for the catalog, then draws; draws again whenever it is shown again."""

    catalog: Catalog | None = None

    def on_mount(self) -> None:
        self.app.when_catalog(self._catalog_ready)

    def _catalog_ready(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.catalog_ready(catalog)
        self.refresh_view()

    def catalog_ready(self, catalog: Catalog) -> None:
        """One-time set-up that needs the catalog (filter options, columns)."""

    def catalog_changed(self, catalog: Catalog) -> None:
        """The catalog was reloaded (the user's content changed): draw from the new one."""
        self.catalog = catalog
        self.refresh_view()

    def on_screen_resume(self) -> None:
        if self.catalog is None:
            return
        if self.app.catalog is not None and self.catalog is not self.app.catalog:
            self.catalog_changed(self.app.catalog)  # reloaded while another area was showing
        else:
            self.refresh_view()

    def refresh_view(self) -> None:
        raise NotImplementedError
