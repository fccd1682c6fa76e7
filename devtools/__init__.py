"""Helpers for developers: driving the real app in a browser (tests and benchmarks)."""
