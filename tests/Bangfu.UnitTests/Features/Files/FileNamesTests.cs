using Bangfu.Features.Files;

namespace Bangfu.UnitTests.Features.Files;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("..\\..\\evil\u202Etxt.exe.pdf", "eviltxt.exe.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\医生\\心电图.pdf", "心电图.pdf")]
    [InlineData("/tmp/a/b\\c.png", "c.png")]
    [InlineData("报\u200B告\u200D.pdf", "报告.pdf")]
    [InlineData("\u2066片子\u2069.png", "片子.png")]
    [InlineData("a\u0000b\u001Fc\u007F\u0085.pdf", "abc.pdf")]
    [InlineData("line\r\nbreak.pdf", "linebreak.pdf")]
    [InlineData("...hidden.pdf", "hidden.pdf")]
    [InlineData(".bashrc", "file.bashrc")]
    [InlineData("trailing.pdf. . ", "trailing.pdf")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("nul", "_nul")]
    [InlineData("com1.tar.gz", "_com1.tar.gz")]
    [InlineData("a<b>c:d\"e|f?g*.pdf", "a_b_c_d_e_f_g_.pdf")]
    [InlineData("tab\there.pdf", "tabhere.pdf")]
    [InlineData("全角\u3000空格.pdf", "全角 空格.pdf")]
    [InlineData("\uFEFF  名字 .pdf", "名字.pdf")]
    public void Keeps_only_a_plain_last_name(string given, string kept) => Assert.Equal(kept, FileNames.Neutralise(given));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u202E\u200B")]
    [InlineData("..\\..\\")]
    [InlineData("...")]
    public void Is_never_empty(string given) => Assert.Equal(FileNames.Fallback, FileNames.Neutralise(given));

    [Fact]
    public void A_name_whose_stem_vanishes_keeps_its_extension() => Assert.Equal("file.pdf", FileNames.Neutralise("dir/\u202E.pdf"));

    [Fact]
    public void A_long_name_is_cut_and_keeps_its_extension()
    {
        var kept = FileNames.Neutralise(new string('长', 300) + ".pptx");
        Assert.Equal(FileNames.MaxLength, kept.Length);
        Assert.EndsWith("长.pptx", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var kept = FileNames.Neutralise("a" + string.Concat(Enumerable.Repeat("😀", 150)) + ".pdf");
        Assert.True(kept.Length <= FileNames.MaxLength);
        Assert.EndsWith(".pdf", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.Select((c, i) => (c, i)), x => char.IsHighSurrogate(x.c) && (x.i + 1 >= kept.Length || !char.IsLowSurrogate(kept[x.i + 1])));
    }

    [Fact]
    public void An_unpaired_surrogate_is_dropped() => Assert.Equal("ab.pdf", FileNames.Neutralise("a\uD800b.pdf"));
}
