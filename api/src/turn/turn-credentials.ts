import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { IceServer } from '@parley/protocol';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.token';

/** A TURN username and password in the TURN REST scheme. */
export interface TurnRestCredential {
  /** `<expiry unix seconds>:<user>`: coturn refuses it once the expiry has passed. */
  readonly username: string;
  /** base64(HMAC-SHA1(secret, username)), which coturn recomputes from its `static-auth-secret`. */
  readonly credential: string;
}

/**
 * The TURN REST credential (draft-uberti-behave-turn-rest, coturn's
 * `use-auth-secret`) for `user` valid until `expiresAtSeconds`. coturn needs
 * no call from the gateway and no shared database: it checks the HMAC with
 * the same secret and reads the expiry from the username itself.
 */
export function turnRestCredential(secret: string, user: string, expiresAtSeconds: number): TurnRestCredential {
  const username = `${Math.floor(expiresAtSeconds)}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/**
 * Hands each participant short-lived TURN credentials for the configured
 * coturn, so a leaked join reply stops working within the TTL and the TURN
 * secret itself never leaves the server. Without TURN_URLS it hands out none.
 */
@Injectable()
export class TurnCredentials {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  /** Whether TURN is configured at all. */
  get enabled(): boolean {
    return this.config.turn !== null;
  }

  /**
   * Every ICE server `participantId` gets: the configured STUN/TURN URLs
   * (ICE_SERVERS) and, with TURN_URLS, fresh TURN credentials.
   */
  iceServersFor(participantId: string, nowMs: number = Date.now()): IceServer[] {
    return [...this.config.iceServers, ...this.forParticipant(participantId, nowMs)];
  }

  /**
   * How often a long call gets fresh TURN credentials (a third of their
   * lifetime, so a lost push or two still leaves valid ones), or null without TURN.
   */
  get refreshSeconds(): number | null {
    return this.config.turn === null ? null : this.config.turn.ttlSeconds / 3;
  }

  /** ICE server entries for `participantId`: one TURN entry with every URL, or none. */
  forParticipant(participantId: string, nowMs: number = Date.now()): IceServer[] {
    const turn = this.config.turn;
    if (turn === null) return [];
    const expiresAt = Math.floor(nowMs / 1000) + turn.ttlSeconds;
    const { username, credential } = turnRestCredential(turn.secret, participantId, expiresAt);
    return [{ urls: [...turn.urls], username, credential }];
  }
}
