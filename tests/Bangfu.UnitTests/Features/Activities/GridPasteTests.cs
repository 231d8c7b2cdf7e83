using Bangfu.Features.Activities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bangfu.UnitTests.Features.Activities;

public sealed class GridPasteTests
{
    private static readonly ActivityWords Words = new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    private static readonly ActivityKind[] Order = [.. ActivityKinds.All.Keys];

    [Fact]
    public void Lines_that_name_their_kind_fill_those_rows_with_the_cells_told_by_their_content()
    {
        var (rows, problems) = GridPaste.Parse("类别\t数量\t单位\t参加人次\t形式\t备注\r\n手术\t12\t例\r\n教学查房\t3\t次\t40\t线上\t远程查房\r\n讲座\t2\t\t85\r\n合计\t17\n", Words, Order);
        Assert.Empty(problems);
        Assert.Equal([ActivityKind.Surgery, ActivityKind.TeachingRound, ActivityKind.Lecture], rows.Select(r => r.Kind));
        Assert.Equal((12, ActivityUnit.Li), (rows[0].Quantity, rows[0].Unit));
        Assert.Equal((3, 40, true, "远程查房"), (rows[1].Quantity, rows[1].Attendees, rows[1].Online, rows[1].Note));
        Assert.Equal((2, 85), (rows[2].Quantity, rows[2].Attendees));
        Assert.All(rows, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void A_column_of_numbers_as_long_as_the_grid_fills_it_in_order_and_blank_lines_leave_rows_alone()
    {
        var text = string.Join("\r\n", Order.Select((_, i) => i % 3 == 0 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")) + "\r\n";
        var (rows, problems) = GridPaste.Parse(text, Words, Order);
        Assert.Empty(problems);
        Assert.Equal(Order.Where((_, i) => i % 3 == 0), rows.Select(r => r.Kind));
        Assert.Equal(Enumerable.Range(0, Order.Length).Where(i => i % 3 == 0).Select(i => i + 1), rows.Select(r => r.Quantity!.Value));

        var (_, short_) = GridPaste.Parse("1\n2\n3", Words, Order);
        Assert.Equal("Grid.PasteUnknownKind", short_[0].Key);
    }

    [Fact]
    public void What_cannot_be_read_is_said_by_line_and_the_row_is_not_applied()
    {
        var (rows, problems) = GridPaste.Parse("手术\t两台\n飞行表演\t3\n义诊\t2\t\t30\n手术\t1\n门诊\t20余\n讲座\t1\t台", Words, Order);
        Assert.Equal([("Grid.PasteUnknownKind", 2), ("Grid.PasteTwice", 4)], problems.Select(p => (p.Key, (int)p.Args[0])));
        Assert.Equal("Import.BadCount", rows.Single(r => r.Kind == ActivityKind.Surgery).Problems.Single().Key);
        Assert.Empty(rows.Single(r => r.Kind == ActivityKind.FreeClinic).Problems);
        var outpatient = rows.Single(r => r.Kind == ActivityKind.Outpatient);
        Assert.Equal(20, outpatient.Quantity);
        Assert.Equal("Import.Approximate", outpatient.Notes.Single().Key);
        Assert.Equal("Error.UnitNotForKind", rows.Single(r => r.Kind == ActivityKind.Lecture).Problems.Single().Key);
        Assert.Equal("Grid.PasteEmpty", GridPaste.Parse(" \n\t\n", Words, Order).Problems.Single().Key);
    }
}
