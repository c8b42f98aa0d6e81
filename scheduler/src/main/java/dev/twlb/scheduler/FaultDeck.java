package dev.twlb.scheduler;

import dev.twlb.scheduler.FaultMix;
import dev.twlb.schemas.FaultType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fault types dealt like cards: a deck holds each type of the mix as many times as its weight (in
 * whole copies of the smallest positive weight), is shuffled, and is dealt out before the next
 * deck is shuffled. Over any stretch of faulty slots every type of an even mix appears within one
 * of every other, so a detector evaluated on held-out epochs has seen every class in training. The
 * card for slot {@code s} depends only on (seed, s), so a run still replays from its seed and can
 * resume at any epoch.
 */
final class FaultDeck {
  private final long seed;
  private final List<FaultType> cards;

  FaultDeck(long seed, FaultMix mix) {
    this.seed = seed;
    double smallest = mix.weights().values().stream().filter(w -> w > 0).mapToDouble(Double::doubleValue).min().orElseThrow();
    List<FaultType> deck = new ArrayList<>();
    for (Map.Entry<FaultType, Double> e : mix.weights().entrySet()) {
      long copies = e.getValue() > 0 ? Math.max(1, Math.round(e.getValue() / smallest)) : 0;
      for (long i = 0; i < copies; i++) {
        deck.add(e.getKey());
      }
    }
    this.cards = List.copyOf(deck);
  }

  int size() {
    return cards.size();
  }

  /** The card dealt to faulty slot {@code slot} (slots are numbered across epochs: epoch × faulty + i). */
  FaultType card(long slot) {
    long round = slot / cards.size();
    List<FaultType> shuffled = new ArrayList<>(cards);
    Collections.shuffle(shuffled, new Random(seed * 31 + round * 0x2545F4914F6CDD1DL));
    return shuffled.get((int) (slot % cards.size()));
  }
}
