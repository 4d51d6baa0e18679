// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cxlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cxlint", targets: ["cxlint"]),
        .library(name: "CXLintKit", targets: ["CXLintSyntax", "CXLintModel", "CXLintAnalysis", "CXLintRules", "CXLintDriver", "CXLintReport", "CXLintAudit", "CXLintServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // XML is read with libxml2's SAX2 push parser directly (see XMLReader.swift).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // SSE2 byte classes for the scans over every byte (CXLintBytes.h).
        .target(name: "CXLintBytes"),
        .target(name: "CXLintSyntax", dependencies: ["CLibYAML", "CLibXML2", "CXLintBytes"]),
        .target(name: "CXLintModel", dependencies: [
            "CXLintSyntax",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "CXLintAnalysis", dependencies: ["CXLintSyntax", "CXLintModel"]),
        .target(name: "CXLintRules", dependencies: ["CXLintSyntax", "CXLintModel", "CXLintAnalysis"]),
        // The one lint session behind every front end: discovery, configuration per
        // file, engine, suppressions, baselines, fixes, fingerprints, the redactor.
        .target(name: "CXLintDriver", dependencies: ["CXLintSyntax", "CXLintModel", "CXLintRules"]),
        // Rendering only: one reporter per `check` format.
        .target(name: "CXLintReport", dependencies: ["CXLintSyntax", "CXLintModel", "CXLintAnalysis", "CXLintRules", "CXLintDriver"]),
        .target(name: "CXLintAudit", dependencies: ["CXLintSyntax", "CXLintModel", "CXLintRules", "CXLintDriver", "CXLintReport"]),
        .target(name: "CXLintServer", dependencies: ["CXLintSyntax", "CXLintModel", "CXLintRules", "CXLintDriver", "CXLintReport"]),
        .executableTarget(name: "cxlint", dependencies: [
            "CXLintSyntax", "CXLintModel", "CXLintRules", "CXLintDriver", "CXLintReport", "CXLintAudit", "CXLintServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Release-built benchmark harness (scripts/bench.sh); not part of the product.
        .executableTarget(
            name: "cxlint-bench",
            dependencies: ["CXLintSyntax", "CXLintModel", "CXLintRules", "CXLintDriver", "CXLintReport"],
            path: "Benchmarks/cxlint-bench"
        ),
        // Where the tests find ../shared data, skipping when it is missing.
        .target(name: "CXLintTestSupport", dependencies: ["CXLintSyntax"], path: "Tests/CXLintTestSupport"),
        .testTarget(name: "CXLintSyntaxTests", dependencies: ["CXLintSyntax", "CXLintBytes", "CXLintTestSupport"]),
        .testTarget(name: "CXLintModelTests", dependencies: [
            "CXLintModel", "CXLintTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "CXLintRulesTests", dependencies: ["CXLintRules", "CXLintModel", "CXLintAnalysis", "CXLintSyntax", "CXLintTestSupport"]),
        .testTarget(name: "CXLintDriverTests", dependencies: ["CXLintDriver", "CXLintModel", "CXLintRules", "CXLintSyntax"]),
        .testTarget(name: "CXLintReportTests", dependencies: ["CXLintReport", "CXLintDriver", "CXLintRules"]),
        .testTarget(name: "CXLintAuditTests", dependencies: ["CXLintAudit", "CXLintDriver", "CXLintReport", "CXLintModel", "CXLintSyntax"]),
        .testTarget(name: "CXLintServerTests", dependencies: ["CXLintServer", "CXLintDriver", "CXLintSyntax", "CXLintRules"]),
        .testTarget(name: "CXLintCLITests", dependencies: ["cxlint", "CXLintTestSupport"]),
    ]
)
