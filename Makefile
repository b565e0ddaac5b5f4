# The whole pipeline: raw files -> warehouse -> results. See README.md.
#
#   make all                         raw (simulated when raw/ is empty) -> warehouse -> results
#   make test                        the default test suite
#   make warehouse RAW=path WAREHOUSE=path/to/wh   point the pipeline elsewhere
#   make fetch MANIFEST=file         fetch a sources manifest into RAW

SHELL := /bin/bash
.DELETE_ON_ERROR:

RAW       ?= raw
WAREHOUSE ?= warehouse
TRUTH     ?= $(WAREHOUSE)/truth
SEED      ?= 20240601
SCALE     ?= 0.05
MAPPINGS  ?= mappings
REFERENCE ?= ../shared/reference
CONFIG    ?= Release
MANIFEST  ?= mappings/sources/example_bulletins.csv
# Panel variants built next to the main panel (the robustness table's IPC-only column runs on panel_ipc_only).
VARIANTS  ?= ipc_only

DB        := $(WAREHOUSE)/etl.db
RESULTS   := $(WAREHOUSE)/results
ETL_DLL   := src/Etl.Cli/bin/$(CONFIG)/net10.0/etl.dll
ETL       := dotnet $(ETL_DLL)
BENCH_DLL := src/Etl.Bench/bin/$(CONFIG)/net10.0/etl-bench.dll
BENCH     ?= ingest patents warehouse estimation
# The patents benchmark runs on a national-volume corpus (scale 1, about 8 GB), simulated once.
BENCH_RAW ?= $(WAREHOUSE)/bench/raw

FORCE:

.PHONY: FORCE all build test test-slow raw warehouse results report check-report export fetch fetch-demo bench clean mappings check-mappings help

help:
	@sed -n '1,8p' Makefile

build:
	dotnet build etl.sln -c $(CONFIG) -nologo -v q

# Always asks dotnet for an incremental build, so a stage never runs a stale binary; a make that already
# built it passes BUILT=1 to the makes it starts, so the build (and its output) happens once per command.
$(ETL_DLL): FORCE
	@[ -n "$(BUILT)" ] || dotnet build src/Etl.Cli -c $(CONFIG) -nologo -v q

# The whole solution is built before any test runs: `dotnet test` on a solution only builds what each test
# project references, so a test that starts the command line as a process could otherwise race its build.
test:
	dotnet build etl.sln -c $(CONFIG) -nologo -v q
	dotnet test etl.sln -c $(CONFIG) -nologo -v q --no-build --filter "Category!=Slow"

test-slow:
	dotnet build etl.sln -c $(CONFIG) -nologo -v q
	dotnet test etl.sln -c $(CONFIG) -nologo -v q --no-build --filter "Category=Slow"

# Regenerate the derived reference tables (needs the public reference folder).
mappings: $(ETL_DLL)
	$(ETL) mappings derive --reference $(REFERENCE) --out $(MAPPINGS)

check-mappings: $(ETL_DLL)
	$(ETL) mappings check --mappings $(MAPPINGS)

raw: $(ETL_DLL)
	$(ETL) simulate --out $(RAW) --truth $(TRUTH) --seed $(SEED) --scale $(SCALE) --mappings $(MAPPINGS)

warehouse: $(ETL_DLL)
	$(ETL) build --raw $(RAW) --mappings $(MAPPINGS) --db $(DB) $(foreach v,$(VARIANTS),--variant $(v))

results: $(ETL_DLL)
	$(ETL) estimate --db $(DB) --out $(RESULTS)

# One self-contained page: sample and map, data quality, a panel excerpt linked to its lineage, tables, figures.
report: $(ETL_DLL)
	$(ETL) report --db $(DB) --results $(RESULTS)

# The report in a real browser (Debian chromium through Playwright): no console error, every table visible, a
# lineage link opens its trace; the screenshot goes to WAREHOUSE/results/report.png for review.
check-report:
	REPORT_SCREENSHOT=$(abspath $(RESULTS))/report.png dotnet test tests/Etl.Publish.Tests -c $(CONFIG) -nologo -v q --filter "FullyQualifiedName~ReportBrowserTests"

# The balanced panel with labels and value flags, in the three formats, into WAREHOUSE/export/.
export: $(ETL_DLL)
	@for f in csv parquet dta; do $(ETL) export --db $(DB) --format $$f --out $(WAREHOUSE)/export/panel.$$f --force || exit 1; done

# Fetch the sources of MANIFEST into RAW (retried, verified, atomic, incremental; provenance in RAW/.fetch).
fetch: $(ETL_DLL)
	$(ETL) fetch --manifest $(MANIFEST) --raw $(RAW)

# Serve the simulated corpus on 127.0.0.1 with injected faults, fetch it into WAREHOUSE/fetch-demo/raw,
# build, and check that the panel equals the one built from RAW (make all first).
fetch-demo: $(ETL_DLL)
	@test -f $(DB) || $(MAKE) --no-print-directory all BUILT=1
	$(ETL) fetch-demo --origin $(RAW) --manifest $(TRUTH)/sources.csv --mappings $(MAPPINGS) --out $(WAREHOUSE)/fetch-demo --compare $(DB)

# raw/ counts as empty when it holds nothing but its README.
all: $(ETL_DLL)
	@if [ -z "$$(find $(RAW) -mindepth 1 -not -name README.md -print -quit 2>/dev/null)" ]; then $(MAKE) --no-print-directory raw BUILT=1; fi
	$(MAKE) --no-print-directory warehouse BUILT=1
	$(MAKE) --no-print-directory results BUILT=1
	$(MAKE) --no-print-directory report BUILT=1

# Benchmarks named in BENCH, one after the other, never side by side (etl-bench without a name lists them).
bench:
	@dotnet build src/Etl.Bench -c $(CONFIG) -nologo -v q
	@if [ -z "$$(find $(RAW) -mindepth 1 -not -name README.md -print -quit 2>/dev/null)" ]; then $(MAKE) --no-print-directory raw; fi
	@for b in $(BENCH); do \
	  case $$b in \
	    ingest|warehouse) args="--raw $(RAW) --mappings $(MAPPINGS)" ;; \
	    patents) $(MAKE) --no-print-directory $(BENCH_RAW)/patents $(ETL_DLL) || exit 1; args="--raw $(BENCH_RAW) --mappings $(MAPPINGS) --etl $(ETL_DLL)" ;; \
	    *)       args="" ;; \
	  esac; \
	  dotnet $(BENCH_DLL) $$b $$args || exit 1; \
	done

# Simulated into a scratch folder and moved into place, so an interrupted run leaves no half corpus behind.
$(BENCH_RAW)/patents:
	@$(MAKE) --no-print-directory $(ETL_DLL)
	rm -rf $(BENCH_RAW).partial
	$(ETL) simulate --out $(BENCH_RAW).partial --truth $(WAREHOUSE)/bench/truth --seed $(SEED) --scale 1 --mappings $(MAPPINGS)
	rm -rf $(BENCH_RAW) && mv $(BENCH_RAW).partial $(BENCH_RAW)

clean:
	dotnet clean etl.sln -c $(CONFIG) -nologo -v q
	rm -rf $(WAREHOUSE)/etl.db $(WAREHOUSE)/etl.db.* $(RESULTS) $(TRUTH) $(WAREHOUSE)/fetch-demo $(WAREHOUSE)/export
