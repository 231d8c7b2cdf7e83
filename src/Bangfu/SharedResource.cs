namespace Bangfu;

/// Marker for the shared resource files: SharedResource.resx is Chinese (the default), SharedResource.en.resx English.
public sealed class SharedResource;
