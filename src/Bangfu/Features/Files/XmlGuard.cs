using System.Xml;
using Bangfu.Common;

namespace Bangfu.Features.Files;

/// Checks an XML file (an ECG export) before it is kept: well-formed, no DOCTYPE (so no entity expansion and no
/// external entities), and nothing a browser would run if it ever rendered the file: no root or element in the
/// XHTML or SVG namespace, no html/svg/script element, no xml-stylesheet instruction (XSLT can carry script).
/// Every XML reader of the programme uses <see cref="Settings"/>.
public static class XmlGuard
{
    private static readonly HashSet<string> ActiveNamespaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "http://www.w3.org/1999/xhtml",
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/XSL/Transform",
        "http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul",
    };

    private static readonly HashSet<string> ActiveElements = new(StringComparer.OrdinalIgnoreCase) { "html", "svg", "script", "body", "iframe" };

    /// DTDs are refused (not ignored): a file that has one is not what an ECG device writes.
    public static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        Async = true,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };

    public static async Task CheckAsync(Stream xml, string field, CancellationToken ct)
    {
        var head = new byte[4096];
        var headLength = await xml.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (ZipGuard.HasDoctype(head.AsSpan(0, headLength)))
            Refuse(field, "Files.XmlDoctype");
        xml.Position = 0;
        try
        {
            using var reader = XmlReader.Create(xml, Settings());
            while (await reader.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.ProcessingInstruction && reader.Name.Equals("xml-stylesheet", StringComparison.OrdinalIgnoreCase))
                    Refuse(field, "Files.Markup");
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                if (ActiveElements.Contains(reader.LocalName) || ActiveNamespaces.Contains(reader.NamespaceURI))
                    Refuse(field, "Files.Markup");
                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        if (ActiveNamespaces.Contains(reader.NamespaceURI) || (reader.Prefix == "xmlns" || reader.Name == "xmlns") && ActiveNamespaces.Contains(reader.Value))
                            Refuse(field, "Files.Markup");
                    }
                    while (reader.MoveToNextAttribute());
                    reader.MoveToElement();
                }
            }
        }
        catch (XmlException)
        {
            Refuse(field, "Files.XmlInvalid");
        }
        xml.Position = 0;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string field, string key) => throw new RequestValidationException([new FieldError(field, key)]);
}
