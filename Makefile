# The Makefile is a thin layer over the `letter-i18n` command. Every target
# bootstraps the project's virtualenv (.venv) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLI := $(BIN)/letter-i18n

.PHONY: editions pdf update check drafts test lint clean distclean

# What the editions are made from. When none of it is newer than the last build, make
# itself says there is nothing to do (no Python starts). The output directories are
# inputs too, so a deleted edition file is made again. FONT_DIRS: where fontconfig
# finds fonts (installing or removing one changes its directory).
OUT := build/editions
BUILT := $(OUT)/.built
FONT_DIRS ?= $(wildcard /usr/share/fonts /usr/share/fonts/* /usr/share/fonts/*/* \
	/usr/local/share/fonts $(HOME)/.fonts $(HOME)/.local/share/fonts /etc/fonts/conf.d)
SOURCES := pyproject.toml $(wildcard source/*) locales/letter.pot $(wildcard locales/locales.toml) \
	$(wildcard locales/*/LC_MESSAGES/letter.po) \
	$(wildcard src/letter_i18n/*.py src/letter_i18n/*/*.py src/letter_i18n/templates/*) \
	$(FONT_DIRS)
INPUTS := $(SOURCES) $(wildcard $(OUT) $(OUT)/* $(OUT)/*/)

## editions: update the catalogs, then render every edition into build/editions/
##           with the reviewers' pages (and the PDFs where WeasyPrint and the fonts are
##           installed; see make pdf), in one process; nothing at all when nothing changed
editions: $(BUILT)

# The stamp says "built from inputs as they were when the build started": an input
# saved while the build ran (newer than .started) leaves no stamp, so the next make
# builds again.
$(BUILT): $(STAMP) $(INPUTS)
	@mkdir -p $(OUT) && touch $@.started
	$(CLI) build
	@changed="$$(find $(SOURCES) -maxdepth 0 -newer $@.started 2>/dev/null)"; \
	rm -f $@.started; \
	if [ -z "$$changed" ]; then touch $@; else rm -f $@; \
		echo "an input changed during the build: run make again"; fi

## pdf: render the editions and print each to build/editions/<locale>/letter.pdf
##      (needs Pango and the Noto fonts: apt-get install libpango-1.0-0 fonts-noto-core fonts-noto-cjk)
pdf: $(STAMP)
	$(CLI) build --pdf

## update: extract locales/letter.pot and merge it into every locales/*/LC_MESSAGES/letter.po
update: $(STAMP)
	$(CLI) update

## check: check every catalog (sync with the source, headers, markup, numbers, glossary…)
check: $(STAMP)
	$(CLI) check

## drafts: machine drafts for untranslated entries, e.g. make drafts ENGINE=libre LOCALES="fr es"
##         (ENGINE may also be "libre th=google"; ENGINE_URL=... is your LibreTranslate server)
drafts: $(STAMP)
	@test -n "$(ENGINE)" || { echo "make drafts needs ENGINE=libre|google|mymemory|deepl|microsoft: no engine is used unless named" >&2; exit 2; }
	$(CLI) draft $(foreach e,$(ENGINE),--engine $(e)) $(foreach l,$(LOCALES),--locale $(l)) $(if $(ENGINE_URL),--engine-url "$(ENGINE_URL)")

## test: run the test suite and the linter
test: $(STAMP)
	$(BIN)/pytest -q
	$(BIN)/ruff check src tests bench

## lint: run ruff only
lint: $(STAMP)
	$(BIN)/ruff check src tests bench

## clean: remove build output and caches (keeps .venv)
clean:
	rm -rf build .cache .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

## distclean: clean, and remove the virtualenv too
distclean: clean
	rm -rf $(VENV)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,pdf]'
	touch $(STAMP)
