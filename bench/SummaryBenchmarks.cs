using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Compliance;
using Bangfu.Features.Indicators;
using Bangfu.Features.Plans;
using Bangfu.Features.Reports;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Bangfu.Bench;

/// One partnership-year work summary (issue 4): the figures and paragraphs from the rollup and the record tables,
/// then the DOCX with its tables and two charts, on the 200,000-row province of <see cref="LedgerBenchmarks"/>
/// (20,000 activity rows per partnership). Time and allocations from BenchmarkDotNet; the peak working set is
/// printed at the end (`// PeakWorkingSet64 = … MB`). PDF is LibreOffice's time, measured separately.
[MemoryDiagnoser]
public class SummaryBenchmarks
{
    private BenchDatabase _db = null!;
    private int _partnershipId;
    private static readonly AccessScope Admin = new("bench", Roles.SystemAdmin, null, null);

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers => BenchDatabase.Providers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _db = await BenchDatabase.CreateAsync(Provider, s => s
            .AddScoped<ActivityService>().AddScoped<ClosedMonthService>().AddScoped<ComplianceService>()
            .AddScoped<IndicatorService>().AddScoped<PlanService>().AddScoped<SummaryService>());
        _partnershipId = (await LedgerBenchmarks.GenerateAsync(_db))[0];
        Console.WriteLine($"// PeakWorkingSet64 after setup = {LedgerBenchmarks.PeakMegabytes()} MB");
    }

    [Benchmark]
    public async Task<long> PartnershipYearSummaryDocx()
    {
        using var scope = _db.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<SummaryService>()
            .BuildAsync(Admin, _partnershipId, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), CancellationToken.None)
            ?? throw new InvalidOperationException("the partnership is not visible");
        using var output = new MemoryStream();
        SummaryDocument.Write(report, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(), output);
        return output.Length;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// PeakWorkingSet64 = {LedgerBenchmarks.PeakMegabytes()} MB ({Provider}, one partnership-year summary as DOCX)");
        await _db.DisposeAsync();
    }
}
