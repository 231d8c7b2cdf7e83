using Bangfu.Common;

namespace Bangfu.UnitTests.Common;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("51340")]
    [InlineData("5134230")]
    [InlineData("51342a")]
    [InlineData("013423")]
    [InlineData("")]
    public void Region_code_must_be_six_digits_not_starting_with_zero(string code)
    {
        var v = new Validation().RegionCode("regionCode", code);
        var error = Assert.Single(v.Errors);
        Assert.Equal("regionCode", error.Field);
    }

    [Fact]
    public void A_valid_region_code_passes() => Assert.Empty(new Validation().RegionCode("regionCode", "513423").Errors);

    [Fact]
    public void An_end_before_its_start_is_an_error_on_the_end_field()
    {
        var v = new Validation().DateOrder("termEnd", new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 30));
        Assert.Equal("termEnd", Assert.Single(v.Errors).Field);
        Assert.Throws<RequestValidationException>(v.ThrowIfAny);
    }

    [Fact]
    public void Same_day_start_and_end_is_allowed() =>
        Assert.Empty(new Validation().DateOrder("termEnd", new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 1)).Errors);

    [Fact]
    public void Paging_rejects_page_sizes_beyond_the_limit_and_unknown_sort_fields()
    {
        var v = new Validation();
        new PageRequest(0, 500, "salary").Validate(v, ["name"]);
        Assert.Equal(["page", "pageSize", "sort"], v.Errors.Select(e => e.Field));
    }
}
