// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/color.h"
#include "core/io/ora_stack.h"
#include "core/layer.h"

namespace signe::core::ora {

class ZipReader;

/// Signe's background colour is a document property, but other programs know only layers: a
/// save writes it as a bottom layer covering the canvas, so that Krita, MyPaint and GIMP
/// flatten the file to the picture Signe shows, and a load turns that layer back into the
/// background (docs/openraster.md, "The background as a layer").
///
///     save:  if (writesBackgroundLayer(bg)) { wrap the layers if layersNeedOwnStack(root);
///                                             add backgroundLayerEntry(src) at the bottom }
///     load:  auto candidate = takeBackgroundCandidate(image, hasDocumentData, warnings);
///            build and decode the layers, and meanwhile checkBackgroundPng(*candidate, ...);
///            then the colour is the background, or the candidate goes back in the tree

/// The name of the layer that carries the background, the one Krita gives its own.
inline constexpr std::string_view kBackgroundLayerName = "Background";
/// The name of the isolated stack that holds the document's layers when they need one.
inline constexpr std::string_view kLayersStackName = "Painting";

/// Whether a save writes the background as a layer: any colour but a fully transparent one.
bool writesBackgroundLayer(Color16 background);

/// Whether the document's layers must sit in an isolated stack above the background layer for
/// other programs to composite them as Signe does. Signe composites the layer tree over
/// transparency and lays the result over the background, so a layer blending with a mode other
/// than normal never blends with the background; as a layer below it, the background would
/// become its backdrop (a multiply layer would darken the paper). Normal source-over gives
/// the same either way. Counts the root's children and those of pass-through groups below
/// them, visible or hidden (so that the file's shape does not change with visibility).
bool layersNeedOwnStack(const Layer& root);

/// The bottom layer a save writes for the background: `src` is its PNG (canvas size, the
/// background's straight colour), marked signe:background="true".
StackEntry backgroundLayerEntry(const std::string& src);

/// The stack a save writes around the document's layers when layersNeedOwnStack():
/// isolated, marked signe:root="true"; the caller fills its children.
StackEntry layersStackEntry();

/// On load, a bottom layer that stack.xml says may hold Signe's background, taken out of the
/// tree so that the layers are built and decoded without it while its PNG is checked
/// (checkBackgroundPng); the caller puts it back if the check fails.
struct BackgroundCandidate {
    StackEntry layer;     ///< the entry as stack.xml gave it
    bool marked = false;  ///< signe:background="true"; otherwise recognised by its name
    /// The stack marked signe:root that held the layers above it, now taken apart (its
    /// children are the root stack's); its children are empty here.
    std::optional<StackEntry> layersStack;
};

/// Takes the candidate out of `image`'s root stack, where there is one: the bottom entry, a
/// layer either
///   - marked signe:background="true" (Signe's files), or
///   - unmarked, in a file without Signe's document data (`hasDocumentData` false: a Signe
///     file re-saved by Krita, which drops Signe's attributes and files, or Krita's own
///     "Background"), named "Background", with at least one other entry above it;
/// and in both cases visible, opacity 1, normal, at 0,0. A stack marked signe:root alone above
/// it is taken apart too. A mark anywhere else, or on a layer that fails those checks, costs a
/// warning, and the entry stays in the tree.
std::optional<BackgroundCandidate> takeBackgroundCandidate(StackImage& image, bool hasDocumentData,
                                                           std::vector<std::string>& warnings);

/// The candidate's colour, straight, 16 bits, when its PNG is `width` x `height` and all one
/// colour, and (unmarked) opaque, so that turning it into the background cannot change the
/// picture; otherwise why not. Decodes strip by strip and stops at the first other colour;
/// any trouble with the file (missing, damaged) is a "why not" too, and the normal decoding
/// of the layer, once it is put back, reports it. Safe on any thread with its own `zip`.
Result<Color16> checkBackgroundPng(const BackgroundCandidate& candidate, const ZipReader& zip,
                                   int width, int height);

/// When checkBackgroundPng refused a candidate, before the caller puts it back: a warning for a
/// marked one (and for the stack it was taken out of); none for an unmarked one, which is
/// simply one of the painter's layers.
void warnBackgroundRefused(const BackgroundCandidate& candidate, const Error& why,
                           std::vector<std::string>& warnings);

}  // namespace signe::core::ora
