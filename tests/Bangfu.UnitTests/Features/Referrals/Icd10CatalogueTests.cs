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
}
