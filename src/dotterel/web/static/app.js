/* dotterel dashboard: draws each page's charts from its JSON twin (data-api) with the vendored
   Vega-Lite; every mark carries an `href` to the evidence behind it. Values from the store are
   only ever given to Vega (which sets them as SVG text) or set with textContent: never as HTML. */
(function () {
  "use strict";
  var body = document.body;
  var page = body.dataset.page;
  var api = body.dataset.api;
  var QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  var QCOLORS = ["#60a5fa", "#1e40af", "#f59e0b", "#b91c1c"];
  var STATUSES = ["occurred", "ongoing", "future", "hypothetical", "negated", "historical"];
  var SCOLORS = ["#374151", "#2563eb", "#0d9488", "#a78bfa", "#7c3aed", "#9ca3af"];

  // the filter form: leave empty fields out of the URL
  var form = document.getElementById("filters");
  if (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value === "") el.disabled = true;
      });
    });
  }

  // the page's filters as the server read them (no page options such as `by` or `offset`); the
  // tables' links start from the same (app.py `link`)
  function params() {
    return new URLSearchParams(body.dataset.filters || "");
  }

  function evidence(extra) {
    var p = params();
    Object.keys(extra).forEach(function (k) {
      if (extra[k] === null || extra[k] === undefined) p.delete(k); else p.set(k, String(extra[k]));
    });
    return "/evidence?" + p.toString();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // [first day, last day] of the period starting on `start` (YYYY-MM-DD), within the current filters
  function periodRange(start, by) {
    var d = new Date(start + "T00:00:00Z");
    var end = new Date(d.getTime());
    if (by === "week") end.setUTCDate(end.getUTCDate() + 6);
    else if (by === "month") end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    else if (by === "year") end = new Date(Date.UTC(d.getUTCFullYear(), 11, 31));
    var last = end.getUTCFullYear() + "-" + pad(end.getUTCMonth() + 1) + "-" + pad(end.getUTCDate());
    var p = params();
    var since = p.get("since"), until = p.get("until");
    var first = start;
    if (since && normal(since, false) > first) first = normal(since, false);
    if (until && normal(until, true) < last) last = normal(until, true);
    return { since: first, until: last };
  }

  function normal(value, isEnd) { // YYYY or YYYY-MM as the first (or last) day
    if (value.length === 4) return value + (isEnd ? "-12-31" : "-01-01");
    if (value.length === 7) {
      if (!isEnd) return value + "-01";
      var y = +value.slice(0, 4), m = +value.slice(5, 7);
      return value + "-" + pad(new Date(Date.UTC(y, m, 0)).getUTCDate());
    }
    return value;
  }

  function timeUnit(by) {
    return { day: "utcyearmonthdate", week: "utcyearmonthdate", month: "utcyearmonth", year: "utcyear" }[by] || "utcyearmonth";
  }

  function draw(id, spec) {
    var el = document.getElementById(id);
    if (!el) return Promise.resolve(null);
    spec.$schema = "https://vega.github.io/schema/vega-lite/v6.json"; // an identifier, never fetched
    spec.config = Object.assign({
      font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
      view: { stroke: null },
      axis: { labelColor: "#4b5563", titleColor: "#4b5563", gridColor: "#eef0f3", domainColor: "#d1d5db", tickColor: "#d1d5db" },
      legend: { labelColor: "#374151", titleColor: "#374151", orient: "top" }
    }, spec.config || {});
    if (!spec.width) spec.width = "container";
    return vegaEmbed(el, spec, { actions: false, renderer: "svg", tooltip: true }).then(function (res) {
      res.view.addEventListener("click", function (event, item) {
        var d = item && item.datum;
        if (d && d.href) window.location.href = d.href;
      });
      el.dataset.ready = "1";
      return res;
    }).catch(function (err) {
      el.textContent = "The chart could not be drawn: " + err;
      el.dataset.ready = "error";
    });
  }

  function empty(id, message) {
    var el = document.getElementById(id);
    if (!el) return;
    el.textContent = message;
    el.className += " empty";
    el.dataset.ready = "1";
  }

  function quadSeries(series, by) {
    var values = [];
    series.forEach(function (r) {
      var range = periodRange(r.period, by);
      for (var q = 1; q <= 4; q++) {
        var n = r["quad" + q];
        if (n > 0) values.push({ period: r.period, quad: QUADS[q - 1], n: n, goldstein: r.goldstein,
          href: evidence({ since: range.since, until: range.until, quad: q }) });
      }
    });
    return values;
  }

  function quadBars(series, by, height) {
    return {
      data: { values: quadSeries(series, by) },
      mark: { type: "bar", cursor: "pointer", tooltip: true },
      encoding: {
        x: { field: "period", type: "temporal", timeUnit: timeUnit(by), title: null, bandPosition: 0 },
        y: { field: "n", type: "quantitative", stack: "zero", title: "events" },
        color: { field: "quad", type: "nominal", title: null, scale: { domain: QUADS, range: QCOLORS } },
        order: { field: "quad", sort: "ascending" },
        tooltip: [{ field: "period", type: "temporal", timeUnit: timeUnit(by), title: by },
          { field: "quad", title: "quad class" }, { field: "n", title: "events" }]
      },
      height: height || 220
    };
  }

  function horizontal(values, field, colorSpec, height) {
    return {
      data: { values: values },
      mark: { type: "bar", cursor: "pointer" },
      encoding: {
        y: { field: field, type: "nominal", sort: "-x", title: null },
        x: { field: "events", type: "quantitative", title: "events" },
        color: colorSpec,
        tooltip: [{ field: field }, { field: "events" }]
      },
      height: height
    };
  }

  var pages = {
    overview: function (d) {
      if (!d.series.length) empty("chart-series", "No dated events match.");
      else draw("chart-series", quadBars(d.series, d.by, 230));
      var types = d.by_type.map(function (r) { return { event: r.event, events: r.events, href: evidence({ type: r.event }) }; });
      if (types.length) draw("chart-types", horizontal(types, "event", { value: "#3b82f6" }, Math.max(120, 18 * types.length)));
      else empty("chart-types", "No events.");
      var st = d.by_status.map(function (r) { return { status: r.status, events: r.events, href: evidence({ status: r.status }) }; });
      if (st.length) draw("chart-status", horizontal(st, "status",
        { field: "status", type: "nominal", legend: null, scale: { domain: STATUSES, range: SCOLORS } }, Math.max(100, 22 * st.length)));
      else empty("chart-status", "No events.");
    },

    timeline: function (d) {
      if (!d.series.length) {
        empty("chart-quads", "No dated events match these filters.");
        empty("chart-status-split", "");
        return;
      }
      var gold = d.series.map(function (r) { return { period: r.period, goldstein: r.goldstein }; });
      draw("chart-quads", {
        height: 260,
        layer: [
          quadBars(d.series, d.by),
          {
            data: { values: gold },
            mark: { type: "line", color: "#111827", strokeWidth: 1.5, point: { filled: true, size: 18, color: "#111827" } },
            encoding: {
              x: { field: "period", type: "temporal", timeUnit: timeUnit(d.by), title: null, bandPosition: 0.5, axis: null },
              y: { field: "goldstein", type: "quantitative", title: "mean Goldstein", scale: { domain: [-10, 10] } },
              tooltip: [{ field: "period", type: "temporal", timeUnit: timeUnit(d.by), title: d.by },
                { field: "goldstein", title: "mean Goldstein", format: "+.2f" }]
            }
          }
        ],
        resolve: { scale: { y: "independent" } }
      });
      var values = [];
      d.series.forEach(function (r) {
        var range = periodRange(r.period, d.by);
        STATUSES.forEach(function (s) {
          if (r[s] > 0) values.push({ period: r.period, status: s, n: r[s], href: evidence({ since: range.since, until: range.until, status: s }) });
        });
      });
      draw("chart-status-split", {
        height: 180,
        data: { values: values },
        mark: { type: "bar", cursor: "pointer" },
        encoding: {
          x: { field: "period", type: "temporal", timeUnit: timeUnit(d.by), title: null },
          y: { field: "n", type: "quantitative", stack: "zero", title: "events" },
          color: { field: "status", type: "nominal", title: null, scale: { domain: STATUSES, range: SCOLORS } },
          tooltip: [{ field: "period", type: "temporal", timeUnit: timeUnit(d.by), title: d.by }, { field: "status" }, { field: "n", title: "events" }]
        }
      });
      if (d.reverse) {
        var both = [];
        var fwd = params().get("dyad").toUpperCase().replace(">", "-");
        d.series.forEach(function (r) { both.push({ period: r.period, dyad: fwd, goldstein: r.goldstein, events: r.events, href: evidence(Object.assign(periodRange(r.period, d.by), { dyad: fwd })) }); });
        d.reverse.series.forEach(function (r) { both.push({ period: r.period, dyad: d.reverse.dyad, goldstein: r.goldstein, events: r.events, href: evidence(Object.assign(periodRange(r.period, d.by), { dyad: d.reverse.dyad })) }); });
        draw("chart-directions", {
          height: 180,
          data: { values: both },
          mark: { type: "line", point: { size: 50, filled: true, cursor: "pointer" } },
          encoding: {
            x: { field: "period", type: "temporal", timeUnit: timeUnit(d.by), title: null },
            y: { field: "goldstein", type: "quantitative", title: "mean Goldstein", scale: { domain: [-10, 10] } },
            color: { field: "dyad", type: "nominal", title: null, scale: { range: ["#1d4ed8", "#c2410c"] } },
            tooltip: [{ field: "dyad" }, { field: "period", type: "temporal", timeUnit: timeUnit(d.by) }, { field: "goldstein", format: "+.2f" }, { field: "events" }]
          }
        });
      }
      // the table's "evidence" links
      Array.prototype.forEach.call(document.querySelectorAll("a.period-link"), function (a) {
        a.href = evidence(periodRange(a.dataset.period, d.by));
      });
    },

    map: function (d) {
      var countries = d.countries.filter(function (c) { return c.numeric; }).map(function (c) {
        return { numeric: c.numeric, code: c.country, cname: c.name, events: c.events, href: evidence({ country: c.country }) };
      });
      var points = d.points.map(function (p) {
        return { name: p.name, country: p.country, lat: p.lat, lon: p.lon, events: p.events, href: evidence({ place: p.name }) };
      });
      var layers = [
        { data: { sphere: true }, mark: { type: "geoshape", fill: "#eef4fb", stroke: "#d6e0ea" } },
        {
          data: { url: "/static/vendor/countries-110m.json", format: { type: "topojson", feature: "countries" } },
          transform: [{ lookup: "id", from: { data: { values: countries }, key: "numeric", fields: ["events", "code", "cname", "href"] } },
            { calculate: "datum.events || 0", as: "n" }],
          mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.5, cursor: "pointer" },
          encoding: {
            color: {
              condition: { test: "datum.n > 0", field: "n", type: "quantitative", title: "events", scale: { scheme: "oranges", type: "sqrt" } },
              value: "#e3e6ea"
            },
            tooltip: [{ field: "properties.name", title: "country" }, { field: "n", title: "events" }]
          }
        }
      ];
      if (points.length) {
        layers.push({
          data: { values: points },
          mark: { type: "circle", color: "#1e3a8a", opacity: 0.85, stroke: "#ffffff", strokeWidth: 1, cursor: "pointer" },
          encoding: {
            longitude: { field: "lon", type: "quantitative" },
            latitude: { field: "lat", type: "quantitative" },
            size: { field: "events", type: "quantitative", scale: { range: [40, 700] }, legend: null },
            tooltip: [{ field: "name", title: "place" }, { field: "country" }, { field: "events" }]
          }
        });
      }
      draw("chart-map", { height: 470, projection: { type: "equalEarth" }, layer: layers });
    },

    network: function (d) {
      if (!d.edges.length) { empty("chart-network", "No dyads match these filters."); return; }
      var edges = d.edges.map(function (e) {
        var dx = e.x2 - e.x, dy = e.y2 - e.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ox = dy / len * 0.025, oy = -dx / len * 0.025; // parallel lanes for A->B and B->A
        return { source: e.source, target: e.target, events: e.events, goldstein: e.goldstein,
          x: e.x + ox, y: e.y + oy, x2: e.x2 + ox, y2: e.y2 + oy,
          ax: e.x + ox + dx * 0.78, ay: e.y + oy + dy * 0.78,
          angle: 90 - Math.atan2(dy, dx) * 180 / Math.PI,
          href: evidence({ dyad: e.source + "-" + e.target }) };
      });
      var nodes = d.nodes.map(function (n) {
        return { code: n.code, name: n.name, out: n.out, in: n["in"], total: n.out + n["in"], x: n.x, y: n.y,
          lx: n.x * 1.13, ly: n.y * 1.13, href: evidence({ actor: n.code }) };
      });
      var xs = { field: "x", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } };
      var ys = { field: "y", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } };
      var color = { field: "goldstein", type: "quantitative", title: "mean Goldstein", scale: { domain: [-10, 0, 10], range: ["#b91c1c", "#a8a29e", "#1d4ed8"], interpolate: "rgb" } };
      draw("chart-network", {
        height: 560,
        layer: [
          { data: { values: edges }, mark: { type: "rule", opacity: 0.75, cursor: "pointer", strokeCap: "round" },
            encoding: { x: xs, y: ys, x2: { field: "x2" }, y2: { field: "y2" }, color: color,
              strokeWidth: { field: "events", type: "quantitative", title: "events", scale: { range: [1.5, 12] } },
              tooltip: [{ field: "source" }, { field: "target" }, { field: "events" }, { field: "goldstein", format: "+.2f" }] } },
          { data: { values: edges }, mark: { type: "point", shape: "triangle-up", filled: true, size: 90, cursor: "pointer" },
            encoding: { x: { field: "ax", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } },
              y: { field: "ay", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } },
              angle: { field: "angle", type: "quantitative", scale: null }, color: color,
              tooltip: [{ field: "source" }, { field: "target" }, { field: "events" }] } },
          { data: { values: nodes }, mark: { type: "circle", color: "#111827", opacity: 0.9, cursor: "pointer" },
            encoding: { x: xs, y: ys, size: { field: "total", type: "quantitative", legend: null, scale: { range: [60, 900] } },
              tooltip: [{ field: "code" }, { field: "name" }, { field: "out", title: "acts on others" }, { field: "in", title: "acted on" }] } },
          { data: { values: nodes }, mark: { type: "text", fontSize: 12, fontWeight: 600, color: "#111827", cursor: "pointer" },
            encoding: { x: { field: "lx", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } },
              y: { field: "ly", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } }, text: { field: "code" } } }
        ]
      });
    }
  };

  if (pages[page] && api && window.fetch) {
    fetch(api, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) return r.json().then(function (j) { throw new Error(j.error || r.statusText); });
      return r.json();
    }).then(pages[page]).catch(function (err) {
      Array.prototype.forEach.call(document.querySelectorAll(".chart"), function (el) {
        el.textContent = "Could not load the data: " + err.message;
        el.dataset.ready = "error";
      });
    });
  }
})();
