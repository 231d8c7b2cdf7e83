using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bangfu.Features.Import;

/// The lists a template offers in its drop-downs (the hidden sheet 可选值 holds them).
public sealed record ImportChoices(string Heading, IReadOnlyList<string> Values);

/// A template workbook: the ledger's headings (frozen), one example row, a hidden sheet of allowed values and
/// drop-down validations that read from it, and a date check on date columns.
public static class ImportTemplate
{
    public const string ChoicesSheet = "可选值";
    private const uint DateStyle = 1, HeadingStyle = 2;

    /// <paramref name="lists"/> maps a column heading to the values its drop-down offers.
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headings, IReadOnlyList<object?> example,
        IReadOnlyDictionary<string, ImportChoices> lists, IReadOnlyCollection<string> dateColumns)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook();
        var styles = book.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();

        var main = book.AddNewPart<WorksheetPart>();
        var data = new SheetData(Row(1, headings.Cast<object?>(), HeadingStyle), Row(2, example, 0));
        var sheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }),
            new Columns(headings.Select((h, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Max(12, h.Length * 2.5 + 4), CustomWidth = true })),
            data);
        var validations = new DataValidations();
        var listColumn = 0;
        var choiceRows = new List<List<object?>>();
        foreach (var (heading, choices) in lists)
        {
            var at = IndexOf(headings, heading);
            if (at < 0 || choices.Values.Count == 0)
                continue;
            var letter = Letter(listColumn);
            for (var r = 0; r <= choices.Values.Count; r++)
            {
                if (choiceRows.Count <= r)
                    choiceRows.Add([]);
                while (choiceRows[r].Count < listColumn)
                    choiceRows[r].Add(null);
                choiceRows[r].Add(r == 0 ? choices.Heading : choices.Values[r - 1]);
            }
            validations.Append(new DataValidation(new Formula1($"'{ChoicesSheet}'!${letter}$2:${letter}${choices.Values.Count + 1}"))
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = heading,
                Error = "请从下拉列表中选择",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{Letter(at)}2:{Letter(at)}100000" },
            });
            listColumn++;
        }
        foreach (var heading in dateColumns)
        {
            var at = IndexOf(headings, heading);
            if (at < 0)
                continue;
            validations.Append(new DataValidation(new Formula1("DATE(2000,1,1)"), new Formula2("DATE(2099,12,31)"))
            {
                Type = DataValidationValues.Date,
                Operator = DataValidationOperatorValues.Between,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = heading,
                Error = "请填写日期，例如 2024-03-15",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{Letter(at)}2:{Letter(at)}100000" },
            });
        }
        if (validations.HasChildren)
        {
            validations.Count = (uint)validations.ChildElements.Count;
            sheet.Append(validations);
        }
        main.Worksheet = sheet;

        var hidden = book.AddNewPart<WorksheetPart>();
        hidden.Worksheet = new Worksheet(new SheetData(choiceRows.Select((r, i) => Row((uint)(i + 1), r, 0))));
        book.Workbook.Append(new Sheets(
            new Sheet { Id = book.GetIdOfPart(main), SheetId = 1, Name = sheetName },
            new Sheet { Id = book.GetIdOfPart(hidden), SheetId = 2, Name = ChoicesSheet, State = SheetStateValues.Hidden }));
        book.Workbook.Save();
    }

    private static int IndexOf(IReadOnlyList<string> headings, string heading)
    {
        for (var i = 0; i < headings.Count; i++)
        {
            if (headings[i] == heading)
                return i;
        }
        return -1;
    }

    private static Row Row(uint number, IEnumerable<object?> values, uint style)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in values)
        {
            var reference = $"{Letter(column++)}{number}";
            switch (value)
            {
                case null:
                    break;
                case DateOnly d:
                    row.Append(new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate()) });
                    break;
                case int n:
                    row.Append(new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(n), DataType = CellValues.Number });
                    break;
                default:
                    // Inline strings are data, never formulas.
                    row.Append(new Cell(new InlineString(new Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")))
                    { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString });
                    break;
            }
        }
        return row;
    }

    public static string Letter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26)
            letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true })
        { Count = 3 });
}
