using System.Globalization;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bangfu.IntegrationTests.TestData;

/// Workbooks laid out cell by cell the way coordinators' own sheets are: rows from row 1 (a null row is left empty),
/// merged ranges, dates as Excel dates (DateTime) or as text, numbers as numbers.
public static class TestSheets
{
    public static byte[] Xlsx(IReadOnlyList<object?[]?> rows, params string[] merges)
    {
        using var output = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r] is not { } values)
                    continue;
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < values.Length; c++)
                {
                    var reference = Bangfu.Features.Import.ImportTemplate.Letter(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    switch (values[c])
                    {
                        case null:
                            break;
                        case DateTime d:
                            row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToOADate()) });
                            break;
                        case int or double:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(values[c], CultureInfo.InvariantCulture)), DataType = CellValues.Number });
                            break;
                        default:
                            row.Append(new Cell(new InlineString(new Text(Convert.ToString(values[c], CultureInfo.InvariantCulture)!))) { CellReference = reference, DataType = CellValues.InlineString });
                            break;
                    }
                }
                data.Append(row);
            }
            var sheetPart = book.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(data);
            if (merges.Length > 0)
                sheetPart.Worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Length });
            book.Workbook.Append(new Sheets(new Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
            book.Workbook.Save();
        }
        return output.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] xlsx, string name = "台账.xlsx")
    {
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", name } };
    }
}
