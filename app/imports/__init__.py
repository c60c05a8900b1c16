"""Importing organizations and people from a CSV or XLSX file, all or nothing."""
