using Bangfu.Common;
using Bangfu.Features.Import;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Activities;

/// The words people write for kinds, units and 线上/线下 in sheets and pasted cells: the labels in both languages,
/// their parts (学术讲座/业务培训 → 学术讲座, 业务培训), the enum names, and the words coordinators use (讲座, 坐诊, 示教…).
public sealed class ActivityWords
{
    private static readonly Dictionary<string, ActivityKind> KindWords = new()
    {
        ["讲座"] = ActivityKind.Lecture,
        ["授课"] = ActivityKind.Lecture,
        ["讲课"] = ActivityKind.Lecture,
        ["培训"] = ActivityKind.Lecture,
        ["业务讲座"] = ActivityKind.Lecture,
        ["查房"] = ActivityKind.TeachingRound,
        ["门诊"] = ActivityKind.Outpatient,
        ["坐诊"] = ActivityKind.Outpatient,
        ["出诊"] = ActivityKind.Outpatient,
        ["专家门诊"] = ActivityKind.Outpatient,
        ["门急诊"] = ActivityKind.Outpatient,
        ["病例讨论"] = ActivityKind.CaseDiscussion,
        ["示教"] = ActivityKind.SurgicalDemonstration,
        ["带教手术"] = ActivityKind.SurgicalDemonstration,
        ["手术指导"] = ActivityKind.SurgicalDemonstration,
        ["住院"] = ActivityKind.Inpatient,
        ["管床"] = ActivityKind.Inpatient,
        ["抢救"] = ActivityKind.Rescue,
        ["筛查"] = ActivityKind.Screening,
        ["评估"] = ActivityKind.Screening,
        ["院内会诊"] = ActivityKind.Consultation,
    };

    private static readonly string[] OnlineWords = ["线上", "在线", "远程", "是", "online", "yes", "y", "√", "✓"];
    private static readonly string[] OnsiteWords = ["线下", "现场", "否", "onsite", "offline", "on-site", "no", "n"];

    private readonly Dictionary<string, ActivityKind> kinds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ActivityUnit> units = new(StringComparer.OrdinalIgnoreCase);

    public ActivityWords(IStringLocalizer<SharedResource> text)
    {
        foreach (var kind in Enum.GetValues<ActivityKind>())
        {
            kinds[kind.ToString()] = kind;
            foreach (var label in Bilingual.Both(text, $"ActivityKind.{kind}"))
            {
                kinds[ImportSheet.Normalise(label)] = kind;
                foreach (var part in label.Split('/', '／'))
                    kinds.TryAdd(ImportSheet.Normalise(part), kind);
            }
        }
        foreach (var (word, kind) in KindWords)
            kinds.TryAdd(word, kind);
        foreach (var unit in Enum.GetValues<ActivityUnit>())
        {
            units[unit.ToString()] = unit;
            foreach (var label in Bilingual.Both(text, $"ActivityUnit.{unit}"))
                units.TryAdd(ImportSheet.Normalise(label), unit);
        }
    }

    public ActivityKind? Kind(string text) => kinds.TryGetValue(ImportSheet.Normalise(text), out var k) ? k : null;

    public ActivityUnit? Unit(string text) => units.TryGetValue(ImportSheet.Normalise(text), out var u) ? u : null;

    /// True for 线上, false for 线下, null for anything else.
    public static bool? Online(string text)
    {
        var word = ImportSheet.Normalise(text);
        return OnlineWords.Contains(word) ? true : OnsiteWords.Contains(word) ? false : null;
    }
}
