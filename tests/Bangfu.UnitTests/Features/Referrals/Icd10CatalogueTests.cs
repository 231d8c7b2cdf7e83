using Bangfu.Features.Referrals;

namespace Bangfu.UnitTests.Features.Referrals;

public sealed class Icd10CatalogueTests
{
    private static readonly Icd10Catalogue Catalogue = Icd10Catalogue.LoadEmbedded();

    [Fact]
    public void The_shipped_list_holds_the_22_chapters_and_unique_codes()
    {
        Assert.Equal(22, Catalogue.Entries.Count(e => e.Kind == Icd10Kind.Chapter));
        Assert.Equal(Catalogue.Count, Catalogue.Entries.Select(e => e.Code).Distinct().Count());
        Assert.All(Catalogue.Entries.Where(e => e.Kind == Icd10Kind.Category), e => Assert.Matches("^[A-Z][0-9]{2}$", e.Code));
        Assert.All(Catalogue.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.NameZh) || string.IsNullOrWhiteSpace(e.NameEn)));
    }

    [Fact]
    public void Search_matches_a_code_prefix_first_then_chinese_or_english_names()
    {
        Assert.Equal("I21", Catalogue.Search("i21")[0].Code);
        var i2 = Catalogue.Search("I2");
        Assert.All(i2.TakeWhile(e => e.Kind == Icd10Kind.Category), e => Assert.StartsWith("I2", e.Code));
        Assert.Contains(Catalogue.Search("脑梗"), e => e.Code == "I63");
        Assert.Contains(Catalogue.Search("新生儿"), e => e.Code == "P22");
        Assert.Contains(Catalogue.Search("asthma"), e => e.Code == "J45");
        Assert.True(Catalogue.Search("P").Count <= 20);
        Assert.Empty(Catalogue.Search("不存在的病名"));
    }

    [Fact]
    public void A_diagnosis_code_is_known_by_its_category_with_or_without_a_subdivision()
    {
        Assert.Equal("I21", Catalogue.Find("I21")!.Code);
        Assert.Equal("I21", Catalogue.Find("i21.0")!.Code);
        Assert.Equal("P22", Catalogue.Find("P22.000")!.Code);
        Assert.Null(Catalogue.Find("I2"));
        Assert.Null(Catalogue.Find("XYZ"));
        Assert.Null(Catalogue.Find("I21-I25"));
        Assert.Null(Catalogue.Find("A00-B99"));
    }

    /// Every 3-character category of WHO ICD-10 (2016), each inside a block, each block inside a chapter.
    [Fact]
    public void Every_category_lies_in_a_block_and_every_block_in_a_chapter()
    {
        var chapters = Catalogue.Entries.Where(e => e.Kind == Icd10Kind.Chapter).Select(e => Range(e.Code)).ToList();
        var blocks = Catalogue.Entries.Where(e => e.Kind == Icd10Kind.Block).ToList();
        var categories = Catalogue.Entries.Where(e => e.Kind == Icd10Kind.Category).ToList();
        Assert.InRange(categories.Count, 2000, 2100);
        Assert.InRange(blocks.Count, 250, 300);
        Assert.All(blocks, b => Assert.Contains(chapters, c => Inside(Range(b.Code), c)));
        Assert.All(categories, k => Assert.Contains(blocks, b => Inside((k.Code, k.Code), Range(b.Code))));
        // Spot checks across the chapters, Chinese as the national edition has them.
        Assert.Equal("霍乱", Catalogue.Find("A00")!.NameZh);
        Assert.Equal("急性心肌梗死", Catalogue.Find("I21")!.NameZh);
        Assert.Equal("Acute myocardial infarction", Catalogue.Find("I21")!.NameEn);
        Assert.Contains("脑梗死", Catalogue.Find("I63")!.NameZh, StringComparison.Ordinal);
        Assert.Contains("哮喘", Catalogue.Find("J45")!.NameZh, StringComparison.Ordinal);
        Assert.Contains("股骨", Catalogue.Find("S72")!.NameZh, StringComparison.Ordinal);
        Assert.NotNull(Catalogue.Find("V01"));
        Assert.NotNull(Catalogue.Find("Z38"));
        Assert.Null(Catalogue.Find("A29")); // not used by WHO
    }

    private static (string From, string To) Range(string code) =>
        code.Split('-') is [var from, var to] ? (from, to) : (code, code);

    private static bool Inside((string From, string To) inner, (string From, string To) outer) =>
        string.CompareOrdinal(inner.From, outer.From) >= 0 && string.CompareOrdinal(inner.To, outer.To) <= 0;

    [Fact]
    public void A_hospital_catalogue_adds_detailed_codes_of_known_categories_and_skips_the_rest()
    {
        var categories = Catalogue.Entries.Where(e => e.Kind == Icd10Kind.Category).Select(e => e.Code).ToHashSet();
        var text = "诊断编码,诊断名称\r\n\"I21.000\",急性前壁心肌梗死\nI21.000x001,急性前间壁心肌梗死\na01.001+,伤寒性肝炎\n"
            + "ZZ9.000,不存在的类目\nI21,只有类目\nI21.100,\n\n";
        var (found, skipped) = Icd10Catalogue.ParseLocal(text, categories);
        Assert.Equal(["I21.000", "I21.000X001", "A01.001"], found.Select(e => e.Code));
        Assert.Equal(4, skipped); // the heading, an unknown category, a bare category, a code without a name
        Assert.All(found, e => Assert.Equal(Icd10Kind.Detail, e.Kind));

        var tabs = Icd10Catalogue.ParseLocal("I63.900\t脑梗死\n", categories);
        Assert.Equal("脑梗死", Assert.Single(tabs.Found).NameZh);

        var withLocal = new Icd10Catalogue(Catalogue.Entries, found);
        var i21 = withLocal.Search("I21.0");
        Assert.Equal(["I21.000", "I21.000X001"], i21.Select(e => e.Code));
        Assert.Equal("I21", withLocal.Search("I21")[0].Code); // the category before its detailed codes
        Assert.Contains(withLocal.Search("前间壁"), e => e.Code == "I21.000X001");
        Assert.Equal("急性前壁心肌梗死", withLocal.FindDetail("i21.000")!.NameZh);
        Assert.Equal("I21", withLocal.Find("I21.000X001")!.Code);
        Assert.Throws<ArgumentException>(() => new Icd10Catalogue(Catalogue.Entries, [new Icd10Entry("ZZ9.0", Icd10Kind.Detail, "x", "")]));
    }
}
