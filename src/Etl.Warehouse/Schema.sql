-- The warehouse schema (SQLite). Documented table by table in README.md; SchemaTests pins it.
-- Codes are six-digit text ('440300'); years are integers; values are in the catalogue unit of their variable.

-- Runs and incremental state. A build copies the history of the warehouse it replaces: every run, its stages
-- and what changed, so run_id counts builds over the warehouse's life.
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  started_utc TEXT NOT NULL,
  finished_utc TEXT NOT NULL,
  tool_version TEXT NOT NULL,    -- 1.0.0+<commit, 12 characters>[.dirty]
  commit_sha TEXT NOT NULL,      -- the commit the code was built from, or 'unknown'
  code_dirty INTEGER NOT NULL,   -- 1 when the code had uncommitted changes
  settings TEXT NOT NULL,
  mappings_hash TEXT NOT NULL,
  inputs_hash TEXT NOT NULL,
  panel_hash TEXT NOT NULL,      -- TableHash of the panel table, as estimation_runs.panel_hash
  summary TEXT NOT NULL
);
CREATE TABLE stage_runs (
  run_id INTEGER NOT NULL,
  stage TEXT NOT NULL,
  input_hash TEXT NOT NULL,
  action TEXT NOT NULL,          -- ran | reused
  seconds REAL NOT NULL,
  PRIMARY KEY (run_id, stage)
) WITHOUT ROWID;
-- What a run changed against the warehouse it replaced (etl diff): raw files, panel cells, cities of the sample.
CREATE TABLE run_changes (
  run_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- file_added | file_changed | file_removed | city_entered | city_left | cell_changed | column_added
  subject TEXT NOT NULL,         -- the file path, or the city code
  year INTEGER,                  -- cells only
  variable TEXT,                 -- cells only
  old_value TEXT,
  new_value TEXT,
  why TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE mapping_files (
  file TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL
);

-- The declared data checks (mappings/data_checks.csv) run at the end of every build, with their outcome.
CREATE TABLE validation_results (
  run_id INTEGER NOT NULL,
  check_id TEXT NOT NULL,
  severity TEXT NOT NULL,        -- error | warning
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  failures INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  description TEXT NOT NULL,
  examples TEXT NOT NULL,        -- up to five failing rows, '; '-separated
  PRIMARY KEY (run_id, check_id)
) WITHOUT ROWID;

-- Sources
CREATE TABLE source_files (
  file_id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,     -- relative to the raw root, forward slashes
  kind TEXT NOT NULL,            -- yearbook | bulletin | patents
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  modified_utc TEXT NOT NULL,
  parser_version TEXT NOT NULL,
  encoding TEXT NOT NULL,
  note TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_loaded INTEGER NOT NULL,
  rows_excluded INTEGER NOT NULL,
  rows_quarantined INTEGER NOT NULL,
  facts INTEGER NOT NULL,
  values_read INTEGER NOT NULL,
  missing_values INTEGER NOT NULL,
  rejection TEXT                 -- null when the file was read
);
-- Where and when a raw file was fetched (etl fetch, .fetch/provenance.json); a file placed by hand has no row.
CREATE TABLE fetch_provenance (
  file_id INTEGER PRIMARY KEY REFERENCES source_files(file_id),
  source_id TEXT NOT NULL,       -- the manifest entry
  url TEXT NOT NULL,             -- the address asked for
  final_url TEXT NOT NULL,       -- the address answered from, after redirects
  status INTEGER NOT NULL,       -- 200, or 206 for a resumed transfer
  etag TEXT,
  last_modified TEXT,
  content_type TEXT,
  fetched_utc TEXT NOT NULL,
  checked_utc TEXT NOT NULL,     -- last time the source was found unchanged or fetched
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  same_bytes INTEGER NOT NULL    -- 1 when the file still holds the bytes fetched
);
CREATE TABLE file_rules (
  file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  outcome TEXT NOT NULL,         -- excluded | quarantined | rejected_value
  rule TEXT NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY (file_id, outcome, rule)
) WITHOUT ROWID;
CREATE TABLE staged_facts (
  staged_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  city_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  variable TEXT NOT NULL,
  value REAL NOT NULL,
  raw_text TEXT NOT NULL,
  raw_unit TEXT NOT NULL,
  locator TEXT NOT NULL,         -- sheet 'S'!C17 | element path @span
  context TEXT NOT NULL
);
CREATE INDEX staged_facts_key ON staged_facts (city_code, year, variable);
CREATE TABLE quarantine (
  quarantine_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  locator TEXT NOT NULL,         -- sheet and cell, element, 'line N', or '' for the whole file
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX quarantine_file ON quarantine (file_id, reason);

-- Dimensions
CREATE TABLE cities (
  city_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  name_en TEXT NOT NULL,         -- romanised name (city_names_en.csv)
  kind TEXT NOT NULL,
  province_code TEXT NOT NULL,
  province TEXT NOT NULL,
  region TEXT NOT NULL,
  region4 TEXT NOT NULL,
  hu_side TEXT NOT NULL,
  lon REAL NOT NULL,
  lat REAL NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER NOT NULL,
  panel_universe INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE city_aliases (
  alias TEXT NOT NULL,
  city_code TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX city_aliases_alias ON city_aliases (alias);
CREATE TABLE variables (
  name TEXT PRIMARY KEY,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  unit TEXT NOT NULL,
  unit_zh TEXT NOT NULL,
  unit_en TEXT NOT NULL,        -- the unit in English words (100 million yuan)
  decimals INTEGER NOT NULL,
  role TEXT NOT NULL,
  in_panel INTEGER NOT NULL,
  key INTEGER NOT NULL,
  method TEXT NOT NULL,
  derivation TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE source_precedence (
  variable TEXT NOT NULL,
  rank INTEGER NOT NULL,
  source TEXT NOT NULL,
  tolerance REAL NOT NULL,
  PRIMARY KEY (variable, rank)
) WITHOUT ROWID;
CREATE TABLE years (year INTEGER PRIMARY KEY);
-- The Key Digital Technology branches (kdt_branches.csv), so a patent record's branch ids read as names.
CREATE TABLE kdt_branches (
  branch_id INTEGER PRIMARY KEY,
  technology_id INTEGER NOT NULL,
  technology TEXT NOT NULL,
  branch_no TEXT NOT NULL,       -- 1.1, 1.1.1, ...
  branch_name TEXT NOT NULL,
  keywords TEXT NOT NULL         -- ';'-separated
);
CREATE TABLE admin_events (
  event_id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  approval_date TEXT NOT NULL,
  type TEXT NOT NULL,
  drops_city INTEGER NOT NULL,
  subject_code TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  counterpart_code TEXT,
  counterpart_name TEXT NOT NULL,
  prefectures TEXT NOT NULL,
  approval_document TEXT NOT NULL,
  title TEXT NOT NULL
) WITHOUT ROWID;

-- Patents
CREATE TABLE patent_unit_year (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  inventions INTEGER NOT NULL,
  digital INTEGER NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  network_edges INTEGER NOT NULL,
  tech_ai INTEGER NOT NULL,
  tech_chips INTEGER NOT NULL,
  tech_quantum INTEGER NOT NULL,
  tech_iot INTEGER NOT NULL,
  tech_blockchain INTEGER NOT NULL,
  tech_industrial_internet INTEGER NOT NULL,
  tech_metaverse INTEGER NOT NULL,
  PRIMARY KEY (unit_code, year)
) WITHOUT ROWID;
CREATE TABLE patent_industries (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  industry_code TEXT NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  PRIMARY KEY (unit_code, year, industry_code)
) WITHOUT ROWID;
CREATE TABLE patent_national (
  year INTEGER PRIMARY KEY,
  located INTEGER NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  digital_subclasses INTEGER NOT NULL,
  real_subclasses INTEGER NOT NULL
);
-- Panel variants (--variant NAME): the same build under one changed setting, next to the main panel, never in
-- its place. Each variant's panel is the table panel_<name>, with the main panel's columns; the patent counts
-- under the variant's matching are kept for reuse by the next build.
CREATE TABLE panel_variants (
  variant TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,      -- panel_<variant>
  description TEXT NOT NULL,
  settings TEXT NOT NULL,        -- the build settings of the variant (as runs.settings)
  patents_key TEXT NOT NULL,     -- the variant's patent stage input hash (reused when unchanged)
  panel_hash TEXT NOT NULL,      -- TableHash of panel_<variant>
  rows INTEGER NOT NULL,
  cities INTEGER NOT NULL,
  differing_cells TEXT NOT NULL  -- per panel column, the cells that differ from the main panel: 'digital_patent 2412; dig_real 2970'
) WITHOUT ROWID;
CREATE TABLE variant_patent_unit_year (
  variant TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  digital INTEGER NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  network_edges INTEGER NOT NULL,
  PRIMARY KEY (variant, unit_code, year)
) WITHOUT ROWID;
CREATE TABLE variant_patent_industries (
  variant TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  industry_code TEXT NOT NULL,
  integrated INTEGER NOT NULL,
  PRIMARY KEY (variant, unit_code, year, industry_code)
) WITHOUT ROWID;
CREATE TABLE variant_patent_national (
  variant TEXT NOT NULL,
  year INTEGER NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  digital_subclasses INTEGER NOT NULL,
  real_subclasses INTEGER NOT NULL,
  PRIMARY KEY (variant, year)
) WITHOUT ROWID;
-- The record index: the kept applications of one unit, year and export, packed into one row in line order
-- (PatentRecordRuns decodes the packed column; `etl trace --records` lists the records). About 12 bytes a
-- record, where a row per record took 40; the counts per row answer "how many, from which file" in SQL.
CREATE TABLE patent_records (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  records INTEGER NOT NULL,      -- kept applications in the run
  digital INTEGER NOT NULL,      -- of which digital, integrated, real-only
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  first_line INTEGER NOT NULL,   -- line of the first and of the last record in the export
  last_line INTEGER NOT NULL,
  packed BLOB NOT NULL,          -- per record: line, application number, flags and technologies, branch ids, industry ids
  PRIMARY KEY (unit_code, year, file_id)
);
-- The industry ids of the packed records: real-economy industries (NACE divisions).
CREATE TABLE patent_record_industries (
  industry_id INTEGER PRIMARY KEY,
  industry_code TEXT NOT NULL
);
-- Later records of an application already kept (excluded as duplicate_application), with what they say.
CREATE TABLE patent_duplicates (
  file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  line INTEGER NOT NULL,
  app_no TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  digital INTEGER NOT NULL,
  integrated INTEGER NOT NULL,
  real_only INTEGER NOT NULL,
  technologies INTEGER NOT NULL,
  PRIMARY KEY (file_id, line)
) WITHOUT ROWID;
-- Duplicates whose content differs from the kept record's: both records, what differs, and the rule that
-- settled it (the first record in export order, exports in path order, is the one counted).
CREATE TABLE patent_conflicts (
  app_no TEXT NOT NULL,
  kept_file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  kept_line INTEGER NOT NULL,
  other_file_id INTEGER NOT NULL REFERENCES source_files(file_id),
  other_line INTEGER NOT NULL,
  kept_unit TEXT NOT NULL,
  kept_year INTEGER NOT NULL,
  differs TEXT NOT NULL,         -- e.g. 'unit 440300 vs 440100; digital 1 vs 0'
  rule TEXT NOT NULL,
  PRIMARY KEY (other_file_id, other_line)
) WITHOUT ROWID;
CREATE TABLE patent_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The integration index
CREATE TABLE index_runs (
  run_id INTEGER PRIMARY KEY,
  parameters TEXT NOT NULL,
  unit_years INTEGER NOT NULL,
  definition TEXT NOT NULL
);
CREATE TABLE index_weights (
  dimension TEXT PRIMARY KEY,
  min REAL NOT NULL,
  max REAL NOT NULL,
  entropy REAL NOT NULL,
  weight REAL NOT NULL
);
CREATE TABLE index_values (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  time REAL NOT NULL,
  industry REAL NOT NULL,
  region REAL NOT NULL,
  network REAL NOT NULL,
  time_norm REAL NOT NULL,
  industry_norm REAL NOT NULL,
  region_norm REAL NOT NULL,
  network_norm REAL NOT NULL,
  dig_real REAL NOT NULL,
  PRIMARY KEY (unit_code, year)
) WITHOUT ROWID;

-- Facts, lineage, panel
CREATE TABLE facts (
  city_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  variable TEXT NOT NULL,
  value REAL NOT NULL,
  method TEXT NOT NULL,          -- observed | interpolated | derived | computed
  source TEXT NOT NULL,          -- yearbook | bulletin | patents | '' (interpolated, derived)
  note TEXT NOT NULL,
  PRIMARY KEY (city_code, year, variable)
) WITHOUT ROWID;
CREATE TABLE fact_inputs (
  city_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  variable TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- staged | fact | patents | index
  ref TEXT NOT NULL,             -- staged_id | 'city|year|variable' | 'unit|year'
  detail TEXT NOT NULL,
  PRIMARY KEY (city_code, year, variable, seq)
) WITHOUT ROWID;
CREATE TABLE source_conflicts (
  city_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  variable TEXT NOT NULL,
  kept_staged_id INTEGER NOT NULL REFERENCES staged_facts(staged_id),
  other_staged_id INTEGER NOT NULL REFERENCES staged_facts(staged_id),
  kept_source TEXT NOT NULL,
  kept_value REAL NOT NULL,
  other_source TEXT NOT NULL,
  other_value REAL NOT NULL,
  relative_difference REAL NOT NULL
);
CREATE TABLE dropped_cities (
  city_code TEXT PRIMARY KEY,
  reason TEXT NOT NULL,          -- admin_event | incomplete_window | missing_key_variable
  event_id TEXT,
  detail TEXT NOT NULL
) WITHOUT ROWID;
-- The panel table is created by WarehouseSchema from the variable catalogue: city_code, year, the panel
-- variables in catalogue order, then region, hu_side, region4, city_name, province.
