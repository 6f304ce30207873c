# Every target bootstraps what it needs from pyproject.toml, so a fresh clone
# needs only `make generate` and `make check`.
#
#   make generate         regenerate src/infobip_codes/ and docs/codes.md from spec/
#   make check-generated  fail (with a diff) when committed files differ from spec/
#   make check-spec       validate spec/ and compare it with the saved docs page
#   make lint             ruff
#   make typecheck        mypy --strict, pyright --verifytypes, the typing suites
#   make test             pytest on every supported Python installed (3.10-3.13)
#   make wheel-test       build wheel + sdist, install the wheel in a clean venv, use it
#   make check            all of the above
#   make bench            benchmarks (figures as ratios against baselines)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := check

PYTHONS := $(shell tools/find-pythons)
# The development venv uses the newest supported Python found (override: make PYTHON=...).
PYTHON ?= $(lastword $(PYTHONS))
ifeq ($(PYTHON),)
$(error no supported Python (3.10-3.13) found; install one or pass PYTHON=/path/to/python)
endif
VERSIONS := $(foreach v,$(PYTHONS),$(if $(findstring /,$(v)),,$(v)))
DEV_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')

VENV := .venv
BIN := $(VENV)/bin
PAGE ?= ../shared/source/infobip-response-status-and-error-codes.txt
PIP_FLAGS := --quiet --disable-pip-version-check

# -- environments ---------------------------------------------------------------

$(VENV)/.installed: pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[dev]'
	touch $@

# One test venv per other supported Python: the package, codegen, test and typing tools.
.venv-%/.installed: pyproject.toml
	rm -rf .venv-$*
	$$(tools/find-pythons | awk '$$1 == "$*" { print $$2 }') -m venv .venv-$*
	.venv-$*/bin/python -m pip install $(PIP_FLAGS) --upgrade pip
	.venv-$*/bin/python -m pip install $(PIP_FLAGS) -e '.[codegen,test,typing]'
	touch $@

.PHONY: venv
venv: $(VENV)/.installed

# -- generation -----------------------------------------------------------------

.PHONY: generate check-generated check-spec import-docs
generate: venv
	$(BIN)/python -m codegen generate

check-generated: venv
	$(BIN)/python -m codegen check

# Validates spec/, then compares it with the saved page when that file exists.
check-spec: venv
	$(BIN)/python -m codegen validate
	@if [ -f "$(PAGE)" ]; then \
		echo "$(BIN)/python -m codegen import-docs $(PAGE) --check"; \
		$(BIN)/python -m codegen import-docs "$(PAGE)" --check; \
	else \
		echo "no saved page at $(PAGE); skipping the spec/page comparison"; \
	fi

# Update spec/ from the saved page (then run `make generate`).
import-docs: venv
	$(BIN)/python -m codegen import-docs "$(PAGE)"

# -- quality --------------------------------------------------------------------

.PHONY: lint typecheck test wheel-test check bench
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy
	@# pyright finds packages through the `python` on PATH, so put the venv first
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/basedpyright --verifytypes infobip_codes --ignoreexternal

test: venv $(foreach v,$(filter-out $(DEV_VERSION),$(VERSIONS)),.venv-$(v)/.installed)
	@for v in $(VERSIONS); do \
		if [ "$$v" = "$(DEV_VERSION)" ]; then py=$(BIN)/python; else py=.venv-$$v/bin/python; fi; \
		echo "== tests on Python $$v ($$py)"; \
		$$py -m pytest -q -p no:cacheprovider; \
	done

wheel-test: venv
	$(BIN)/python tools/wheel_test.py

check: check-spec check-generated lint typecheck test wheel-test
	@echo "make check: all passed"

bench: venv
	$(BIN)/python benchmarks/run.py
