# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
.PHONY: setup run test test-fast demo lint clean deb proof-deb proof-cage

setup:
	@bash packaging/bootstrap.sh

run: setup
	@bash packaging/run.sh $(ARGS)

# ruff, then every test on both cores with mypy and the import contracts beside them (README "Tests").
test: setup
	@bash packaging/test.sh $(ARGS)

# The inner loop: the pure unit tests only, no lint (seconds).
test-fast: setup
	@bash packaging/test.sh --fast $(ARGS)

demo: setup
	.venv/bin/kiosk demo --screenshots out/screenshots

lint: setup
	.venv/bin/ruff check kiosk tests migrations
	.venv/bin/mypy
	.venv/bin/lint-imports

clean:
	rm -rf .venv out .pytest_cache .mypy_cache .ruff_cache

# The fleet dashboard in a real browser (installs Debian's chromium + chromium-driver if missing); not in `make test`.
.PHONY: proof-fleet-browser
proof-fleet-browser: setup
	@bash tests/fleet_browser/run.sh $(ARGS)

# A Debian package with everything under /opt/kiosk (packaging/deb/); its proof in a fresh Debian 12 root.
deb:
	@bash packaging/deb/build.sh

proof-deb:
	@bash packaging/deb/proof.sh

proof-cage: setup
	@bash packaging/cage/proof.sh
	@bash packaging/cage/proof-wm.sh

