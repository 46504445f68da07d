/**
 * The report's stylesheet, inline so the page needs nothing from anywhere: system fonts, A4 pages with
 * their margins, one section to a page, table headers repeated across pages and rows never split.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
html { font-family: Inter, "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; background: #fff; }
body { margin: 0; }
main { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 15pt; margin: 0 0 3mm; border-bottom: 2px solid #0072B2; padding-bottom: 1.5mm; }
h2 small { font-size: 10.5pt; font-weight: normal; color: #555; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
.meta, .note { color: #555; font-size: 9pt; }
section { margin-top: 8mm; }
figure { margin: 3mm 0; }
figure img { width: 100%; height: auto; border: 1px solid #d9d9d9; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.4mm 1.6mm; border-bottom: 1px solid #d9d9d9; }
thead th { border-bottom: 1.5px solid #1a1a1a; }
td.num, table.figures td { text-align: right; white-space: nowrap; }
td.id { white-space: nowrap; font-weight: bold; }
.sub, .by { color: #555; font-size: 8.5pt; }
.none { color: #555; font-style: italic; }
dl.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; margin: 0 0 3mm; }
dl.cards div { border: 1px solid #d9d9d9; border-left: 4px solid #0072B2; padding: 1.5mm 2.5mm; }
dt { font-size: 8.5pt; color: #555; }
dd { margin: 0; font-size: 12pt; font-weight: bold; }
dd .explain { display: block; font-size: 8pt; font-weight: normal; color: #555; }
@media print {
  main { padding: 0; max-width: none; }
  section.page { break-before: page; page-break-before: always; margin-top: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure { break-inside: avoid; page-break-inside: avoid; }
}
`;
