namespace Bangfu.Components;

/// On a phone a table row becomes a card of label/value lines; empty values would only make the card longer.
public static class Cells
{
    public static string? HideWhenEmpty(bool empty) => empty ? "empty-cell" : null;

    public static string? HideWhenEmpty(string? value) => HideWhenEmpty(string.IsNullOrEmpty(value));
}
