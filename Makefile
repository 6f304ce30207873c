# Every target bootstraps what it needs from pyproject.toml, so a fresh clone
# needs only `make generate` and `make check`.
#
#   make generate         regenerate src/infobip_codes/ and docs/codes.md from spec/
#   make check-generated  fail (with a diff) when committed files differ from spec/
#   make check-spec       validate spec/ and compare it with spec/page/ (the saved docs page)
#   make import-docs      update spec/ and spec/page/ from PAGE (a newly saved docs page)
#   make lint             ruff
#   make typecheck        mypy --strict, pyright --verifytypes, the typing suites
#   make test             pytest on every supported Python (3.10-3.13) installed, at once
#   make test-fast        the whole suite on the dev venv's Python, in parallel (the inner loop)
#   make test-extending   spec/README.md's recipes for a channel and a column, on a copy,
#                         then the whole suite there (tests/test_extending.py, whole_suite)
#   make wheel-test       build wheel + sdist, use the wheel in a clean venv, test the sdist
#   make check            all of the above
#   make bench            benchmarks (figures as ratios against baselines)
#
# `make test` skips a supported Python that is not installed, with a warning;
# with CI set in the environment (CI=true) it fails instead, so CI never passes
# on fewer Pythons than it claims. PYTHONS="3.12=/path/to/python3.12 ..." (in
# the environment or on the command line) replaces the search by tools/find-pythons.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := check

SUPPORTED := 3.10 3.11 3.12 3.13
# VERSION=PATH for each supported Python found, oldest first.
ifeq ($(origin PYTHONS),undefined)
PYTHONS := $(shell tools/find-pythons | tr ' ' '=')
endif
VERSIONS := $(foreach p,$(PYTHONS),$(firstword $(subst =, ,$(p))))
MISSING := $(filter-out $(VERSIONS),$(SUPPORTED))
python_for = $(patsubst $(1)=%,%,$(filter $(1)=%,$(PYTHONS)))
# CI=true (or any value but 0/false) makes a missing Python an error.
STRICT := $(filter-out 0 false,$(CI))

# The development venv uses the newest supported Python found (override: make PYTHON=...).
PYTHON ?= $(call python_for,$(lastword $(VERSIONS)))
ifeq ($(PYTHON),)
$(error no supported Python (3.10-3.13) found; install one or pass PYTHON=/path/to/python)
endif
VENV := .venv
BIN := $(VENV)/bin
# The dev venv's own Python when it exists (it outlives a change of PYTHONS), else PYTHON's.
DEV_VERSION := $(shell for py in $(BIN)/python $(PYTHON); do \
	$$py -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null && break; done)
# The saved docs page the spec is checked against; committed, never edited by hand.
SAVED_PAGE := spec/page/infobip-response-status-and-error-codes.txt
# Where a newly saved copy of the page is imported from.
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
	@[ -n "$(call python_for,$*)" ] || { echo "error: no Python $* found" >&2; exit 1; }
	rm -rf .venv-$*
	$(call python_for,$*) -m venv .venv-$*
	.venv-$*/bin/python -m pip install $(PIP_FLAGS) --upgrade pip
	.venv-$*/bin/python -m pip install $(PIP_FLAGS) -e '.[codegen,test,typing]'
	touch $@

.PHONY: venv pythons
venv: $(VENV)/.installed

# Which supported Pythons `make test` runs on; fails under CI when one is missing.
# (`+` runs this even under `make -n`, so a dry run shows the failure too.)
pythons:
	+@echo "supported Pythons found: $(or $(VERSIONS),none)"
ifneq ($(MISSING),)
ifneq ($(STRICT),)
	+@echo "error: Python $(MISSING) not found, and CI must test every supported Python" \
		"($(SUPPORTED)); install it (e.g. with pyenv)" \
		"or set PYTHONS=\"VERSION=PATH ...\"" >&2; exit 1
else
	+@echo "warning: Python $(MISSING) not found; its tests are skipped" \
		"(this fails when CI is set)" >&2
endif
endif

# -- generation -----------------------------------------------------------------

.PHONY: generate check-generated check-spec import-docs
generate: venv
	$(BIN)/python -m codegen generate

check-generated: venv
	$(BIN)/python -m codegen check

# Validates spec/, then compares it with the committed copy of the page.
check-spec: venv
	$(BIN)/python -m codegen validate
	$(BIN)/python -m codegen import-docs $(SAVED_PAGE) --check
	@if [ -f "$(PAGE)" ] && ! cmp -s "$(PAGE)" $(SAVED_PAGE); then \
		echo "note: $(PAGE) differs from $(SAVED_PAGE); run \`make import-docs\` to take it in"; \
	fi

# Update spec/ from a newly saved page, and keep it as spec/page/'s copy
# (then run `make generate`).
import-docs: venv
	$(BIN)/python -m codegen import-docs "$(PAGE)"
	@if ! cmp -s "$(PAGE)" $(SAVED_PAGE); then \
		echo "cp $(PAGE) $(SAVED_PAGE)"; cp "$(PAGE)" $(SAVED_PAGE); \
	fi

# -- quality --------------------------------------------------------------------

.PHONY: lint typecheck test test-fast test-extending wheel-test check bench
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy
	@# pyright finds packages through the `python` on PATH, so put the venv first. A
	@# passing completeness check says so in one line; a failing one shows its report.
	@report=$$(PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/basedpyright \
		--verifytypes infobip_codes --ignoreexternal 2>&1) \
		&& echo "basedpyright --verifytypes infobip_codes:" \
			"$$(grep -m1 '^Type completeness score' <<< "$$report")" \
		|| { echo "$$report"; exit 1; }

# Every Python's suite runs at once, each into a log of its own (and a temporary
# directory of its own); when all have finished, the logs are shown one Python
# after the other, and the target fails if any suite failed.
test: pythons venv $(foreach v,$(filter-out $(DEV_VERSION),$(VERSIONS)),.venv-$(v)/.installed)
	@work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	for v in $(VERSIONS); do \
		if [ "$$v" = "$(DEV_VERSION)" ]; then py=$(BIN)/python; else py=.venv-$$v/bin/python; fi; \
		echo "$$py" > "$$work/$$v.python"; \
		{ status=0; $$py -m pytest -q -p no:cacheprovider --basetemp="$$work/tmp-$$v" \
			> "$$work/$$v.log" 2>&1 || status=$$?; echo $$status > "$$work/$$v.status"; } & \
	done; \
	wait; \
	failed=""; \
	for v in $(VERSIONS); do \
		echo "== tests on Python $$v ($$(cat "$$work/$$v.python"))"; \
		cat "$$work/$$v.log"; \
		[ "$$(cat "$$work/$$v.status")" = 0 ] || failed="$$failed $$v"; \
	done; \
	if [ -n "$$failed" ]; then echo "error: tests failed on Python$$failed" >&2; exit 1; fi

# The inner loop: the whole suite on one Python, spread over the machine's cores.
test-fast: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto

# The one test every other run deselects (pyproject.toml: it runs the suite again),
# on the dev venv's Python only; it spreads the copy's suite over the cores itself.
test-extending: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider -m whole_suite tests/test_extending.py

wheel-test: venv
	$(BIN)/python tools/wheel_test.py

# `pythons` first: under CI a missing Python fails before anything is built.
check: pythons check-spec check-generated lint typecheck test test-extending wheel-test
	@echo "make check: all passed"

bench: venv
	$(BIN)/python benchmarks/run.py
