using System.Text;
using Bangfu.Common;
using Bangfu.Features.Files;

namespace Bangfu.UnitTests.Features.Files;

public sealed class XmlGuardTests
{
    private static Task CheckAsync(string xml) => XmlGuard.CheckAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "file", CancellationToken.None);

    [Fact]
    public async Task An_hl7_ecg_export_passes()
    {
        await CheckAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AnnotatedECG xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.3\"/><component><series><code code=\"RHYTHM\"/>" +
            "<digits>1 2 3 -4</digits></series></component></AnnotatedECG>");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><ecg><x:svg xmlns:x=\"http://www.w3.org/2000/svg\"/></ecg>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><ecg xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(1)</h:script></ecg>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><ecg><a xmlns=\"http://www.w3.org/1999/xhtml\"/></ecg>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><ecg/>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><ecg><script>alert(1)</script></ecg>", "Files.Markup")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE ecg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><ecg>&xxe;</ecg>", "Files.XmlDoctype")]
    [InlineData("<?xml version=\"1.0\"?><ecg><unclosed></ecg>", "Files.XmlInvalid")]
    public async Task Markup_a_browser_runs_entities_and_broken_xml_are_refused(string xml, string key)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => CheckAsync(xml));
        Assert.Equal(key, Assert.Single(refused.Errors).MessageKey);
    }

    [Theory]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("  <!DOCTYPE html><p>x")]
    [InlineData("\uFEFF<html><body>x</body></html>")]
    [InlineData("<?xml version=\"1.0\"?><x:svg xmlns:x=\"http://www.w3.org/2000/svg\">")]
    [InlineData("<p>hi</p><script>alert(1)</script>")]
    public void Html_and_svg_are_markup_whatever_the_name(string head) => Assert.True(FileRules.IsMarkup(Encoding.UTF8.GetBytes(head)));

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><AnnotatedECG xmlns=\"urn:hl7-org:v3\"><header/><metadata/><image/>")]
    [InlineData("%PDF-1.4 <html>")]
    public void Ecg_xml_and_a_pdf_are_not_markup(string head) => Assert.False(FileRules.IsMarkup(Encoding.UTF8.GetBytes(head)));
}
