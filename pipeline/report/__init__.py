"""`newsbeam report`: a self-contained HTML page about a run's output.

`data` reads what the page shows from the tables (DuckDB), `page` draws it (Vega-Lite
charts through altair, rendered offline) and `command` is the CLI around both. `page`
needs the `report` extra; `data` and `command` do not import it until a page is drawn.
"""
