fn main() -> std::process::ExitCode {
    jxlint::cli::main()
}
