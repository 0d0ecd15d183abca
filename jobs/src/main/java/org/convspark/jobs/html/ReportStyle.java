package org.convspark.jobs.html;

/** The report's stylesheet, inlined in its {@code <head>}: system fonts only, nothing fetched. */
final class ReportStyle {
    static final String TRAIN = "#2563eb";
    static final String TEST = "#ea580c";
    static final String THROUGHPUT = "#0d9488";
    static final String BUILT = "#2563eb";
    static final String LOCAL = "#f59e0b";
    static final String DENSE = "#dc2626";
    static final String FIELD = "#7c3aed";
    static final String FIELD_SECOND = "#c084fc";
    static final String JUMP = "#14b8a6";

    static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;background:#f3f4f6;color:#1f2937;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",\
            Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif}
            .wrap{max-width:1120px;margin:0 auto;padding:0 24px}
            header.top{background:linear-gradient(135deg,#111827,#1e3a8a);color:#f9fafb;padding:28px 0 72px}
            header.top .brand{font-size:12px;letter-spacing:.14em;text-transform:uppercase;color:#93c5fd;\
            font-weight:700}
            header.top h1{margin:6px 0 4px;font-size:28px;font-weight:700}
            header.top .sub{margin:0;color:#cbd5e1}
            .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-top:-48px}
            .card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 4px 14px rgba(0,0,0,.05);\
            padding:14px 16px}
            .card .label{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#6b7280;font-weight:600}
            .card .value{font-size:22px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
            .card .detail{font-size:12px;color:#6b7280}
            section{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:20px 24px;\
            margin:20px 0}
            section h2{margin:0 0 4px;font-size:18px}
            section p.lead{margin:0 0 14px;color:#6b7280}
            .grid2{display:grid;grid-template-columns:1fr 1fr;gap:24px}
            .row2{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin:20px 0;align-items:start}
            .row2>section{margin:0}
            figure{margin:0}
            figure figcaption{font-weight:600;margin-bottom:4px}
            svg.chart{width:100%;height:auto;display:block;font-family:inherit}
            .legend{display:flex;flex-wrap:wrap;gap:16px;margin:6px 0 0 8px;font-size:13px;color:#374151}
            .legend .swatch{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:6px;\
            vertical-align:middle}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left;white-space:nowrap}
            th{font-size:12px;color:#6b7280;font-weight:600;background:#f9fafb}
            td.num,th.num{text-align:right}
            tr.total td{font-weight:700;border-top:2px solid #d1d5db}
            .scroll{overflow-x:auto}
            table.matrix{width:auto;margin-top:6px}
            table.matrix td,table.matrix th{text-align:center;min-width:36px;padding:5px 6px;border:1px solid #fff;            font-size:13px}
            table.matrix th.upright span{writing-mode:vertical-rl;transform:rotate(180deg);text-transform:none}
            table.matrix th.corner{font-size:11px;text-transform:none;color:#6b7280}
            table.matrix td.recall{background:#f9fafb;font-weight:600}
            table.kv{table-layout:fixed}
            table.kv td:first-child{color:#4b5563;width:36%}
            table.kv td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;\
            font-size:12.5px;white-space:normal;overflow-wrap:anywhere;vertical-align:top}
            .note{color:#6b7280;font-style:italic}
            footer{color:#9ca3af;font-size:12px;text-align:center;padding:8px 0 32px}
            @media (max-width:900px){.cards{grid-template-columns:repeat(3,1fr)}.grid2,.row2{grid-template-columns:1fr}}
            """;

    private ReportStyle() {
    }
}
