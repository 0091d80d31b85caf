"""Command-line adapter: typer commands that call the core and services."""
