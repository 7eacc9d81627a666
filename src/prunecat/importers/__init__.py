"""Importers: other paper lists turned into catalog entries."""
