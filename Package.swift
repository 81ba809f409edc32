// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Canonym",
    products: [
        .library(name: "Canonym", targets: ["Canonym"]),
        .executable(name: "canonym", targets: ["canonym"]),
        .plugin(name: "LintLexicons", targets: ["LintLexicons"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // A C shim over ICU4C. Debian renames ICU's symbols with a version suffix
        // (`utrans_openU_72`), so Swift never calls ICU directly: it calls these
        // prefixed, unversioned functions with opaque handles instead.
        .target(
            name: "CCanonymICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        .target(
            name: "Canonym",
            dependencies: ["CCanonymICU"],
            resources: [
                .copy("Resources/rules"), .copy("Resources/guards"), .copy("Resources/qualifiers"),
                .copy("Resources/inflection"),
            ]
        ),
        .executableTarget(
            name: "canonym",
            dependencies: [
                "Canonym",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release filter links the Swift runtime and Foundation statically: a process
            // then starts in about 12 ms instead of 23 ms (no dynamic loading and relocation of
            // eight Swift libraries), which matters for a command run once per small input.
            // Debug builds (and the test bundle, which links this target) stay dynamic.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        // `swift package lint-lexicons`: runs `canonym lexicon lint` on Lexicons/default.txt.
        .plugin(
            name: "LintLexicons",
            capability: .command(
                intent: .custom(verb: "lint-lexicons", description: "Lint the lexicon packs listed in Lexicons/default.txt")),
            dependencies: ["canonym"]
        ),
        .testTarget(name: "CanonymTests", dependencies: ["Canonym"], exclude: ["Fixtures"]),
        .testTarget(name: "CanonymCLITests", dependencies: ["canonym"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
