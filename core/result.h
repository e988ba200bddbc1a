// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace signe::core {

/// What went wrong, in a form code can branch on.
enum class ErrorCode {
    InvalidArgument,  ///< a value outside what the API accepts (size, colour, name...)
    NotFound,         ///< a file, layer id or resource that does not exist
    Unsupported,      ///< a format or feature we do not handle
    IoError,          ///< reading or writing failed
    Corrupt,          ///< the input exists but is malformed
};

/// An expected failure: a code plus a message a person can act on, naming the bad value.
struct Error {
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;
};

/// Every fallible operation in core/ and brushes/ returns a Result; libraries never print.
template <class T>
using Result = tl::expected<T, Error>;

/// Shorthand for `return fail(ErrorCode::X, "...")` in functions returning any Result<T>.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message)
{
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace signe::core
