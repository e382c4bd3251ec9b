using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IpPlatform.Kernel.Exports;

/// <summary>One sheet of a workbook: its title (also the sheet's name), the header row and the rows.</summary>
public sealed record XlsxSheet(string Title, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// One table (or several, a sheet each) as an .xlsx workbook: a title row, a bold header row, then the rows (numbers as numbers, everything else as
/// text). Text that a spreadsheet would read as a formula is written as plain text, never as a formula.
/// </summary>
public static class XlsxTable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(title, headers, rows)]);

    /// <summary>Several tables as one workbook, a sheet each (named after its title, made unique).</summary>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var list = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, [sheet.Title], bold: true));
                data.Append(Row(2, sheet.Headers.Cast<object?>().ToList(), bold: true));
                uint index = 3;
                foreach (var row in sheet.Rows)
                {
                    data.Append(Row(index++, row, bold: false));
                }

                sheetPart.Worksheet = new Worksheet(data);
                var first = SheetName(sheet.Title);
                var name = first;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{first[..Math.Min(first.Length, 27)]}({n})";
                }

                list.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = id++, Name = name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Count; c++)
        {
            var reference = Column(c) + index;
            var cell = values[c] switch
            {
                int or long or decimal or double => new Cell
                {
                    CellReference = reference, DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture)!),
                },
                var v => new Cell
                {
                    CellReference = reference, DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(v?.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            };
            if (bold)
            {
                cell.StyleIndex = 1;
            }

            row.Append(cell);
        }

        return row;
    }

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>Sheet names are at most 31 characters and may not contain : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Where(ch => ":\\/?*[]".IndexOf(ch) < 0).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }
}
