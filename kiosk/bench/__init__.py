"""The kiosk's tools: benchmarks (`kiosk bench ...`), synthetic corpora (ID cards, document photos) and
the window drivers of the soak, journey and startup benches.

Nothing on the run-time path imports this package (an import-linter contract in pyproject.toml keeps it
so): the kiosk plays shipped sample files (resources/samples/), the tools made them. Tools may import
anything in kiosk, including Qt; benches use the public APIs of kiosk.capture and kiosk.ui.
"""
