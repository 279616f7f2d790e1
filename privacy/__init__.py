"""Disclosure control: protected releases, their audit and ledger (QGIS-free)."""
