import { Logger } from '@nestjs/common';
import type { JoinResult, ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import { DomainError } from '../errors';
import type { JoinHooks, Joined, RoomsService } from '../rooms/rooms.service';
import type { TurnCredentials } from '../turn/turn-credentials';
import { ClientConnection } from './client-connection';
import type { ParleySocket } from './parley-socket';
import type { SocketPusher } from './socket-pusher';

const room = 'abcd-efgh-jkmn' as RoomId;
const ada = 'p-ada' as ParticipantId;
const request: ValidRequest<'room.join'> = { room, name: 'Ada' };

function joinedAs(participantId: ParticipantId): Joined {
  const self = { id: participantId, name: 'Ada', role: 'host' as const, audioMuted: false, videoMuted: false, handRaisedAt: null, joinedAt: 0 };
  const result: JoinResult = {
    room,
    self,
    participants: [],
    token: 'token',
    iceServers: [],
    meeting: { id: 'm-1', startedAt: 0 },
    chat: { messages: [], hasMore: false },
    settings: { locked: false, lobby: false, hasPassword: false },
    speakers: { activeSpeaker: null, speaking: [] },
  };
  return { session: { room, participantId }, result };
}

/** Lets the connection reach the rooms domain (its lifecycle step comes first). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ClientConnection', () => {
  let rooms: jasmine.SpyObj<RoomsService>;
  let pusher: jasmine.SpyObj<SocketPusher>;
  let socket: jasmine.SpyObj<ParleySocket>;
  let connection: ClientConnection;
  /** Settles the join under way (the fake rooms domain waits for it). */
  let finishJoin: (joined: Joined | Error) => void;
  let hooks: JoinHooks | undefined;

  beforeEach(() => {
    rooms = jasmine.createSpyObj<RoomsService>('rooms', ['join', 'leave', 'suspend', 'withdrawKnock', 'issueToken'], {
      tokenTtlSeconds: 900,
    });
    rooms.join.and.callFake((_request, given) => {
      hooks = given;
      return new Promise<Joined>((resolve, reject) => {
        finishJoin = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
      });
    });
    rooms.leave.and.resolveTo();
    rooms.suspend.and.resolveTo();
    rooms.withdrawKnock.and.resolveTo();
    pusher = jasmine.createSpyObj<SocketPusher>('pusher', ['register', 'unregister', 'socketOf', 'disconnect']);
    socket = jasmine.createSpyObj<ParleySocket>('socket', ['emit'], { handshake: { address: '10.0.0.7' } as ParleySocket['handshake'] });
    const turn = jasmine.createSpyObj<TurnCredentials>('turn', ['iceServersFor'], { refreshSeconds: null });
    connection = new ClientConnection(socket, { rooms, pusher, turn, logger: new Logger('spec') });
  });

  afterEach(async () => {
    await connection.close(true);
  });

  it('answers a second room.join while the first is in flight with room.busy, and starts only one', async () => {
    const first = connection.join(request);
    await tick();
    await expectAsync(connection.join(request)).toBeRejectedWith(jasmine.objectContaining({ code: 'room.busy' }));
    expect(rooms.join).toHaveBeenCalledTimes(1);
    finishJoin(joinedAs(ada));
    await first;
    expect(connection.state).toBe('in-room');
    expect(connection.session()).toEqual({ room, participantId: ada });
  });

  it('passes the client address to the rooms domain, for password pacing', async () => {
    const joining = connection.join(request);
    await tick();
    expect(hooks?.address).toBe('10.0.0.7');
    finishJoin(joinedAs(ada));
    await joining;
  });

  it('undoes a join that succeeds after the socket closed: the participant leaves at once', async () => {
    const joining = connection.join(request);
    await tick();
    hooks?.admitted?.(ada);
    await connection.close(false);
    finishJoin(joinedAs(ada));
    await expectAsync(joining).toBeRejected();
    expect(rooms.leave).toHaveBeenCalledOnceWith({ room, participantId: ada }, 'disconnected');
    expect(rooms.suspend).not.toHaveBeenCalled();
  });

  it('makes whoever a failed join already put in the room leave, so no ghost stays', async () => {
    const joining = connection.join(request);
    await tick();
    hooks?.admitted?.(ada);
    finishJoin(new DomainError('internal', 'store down'));
    await expectAsync(joining).toBeRejected();
    expect(rooms.leave).toHaveBeenCalledOnceWith({ room, participantId: ada }, 'disconnected');
    expect(connection.state).toBe('idle');
  });

  it('holds a dropped session for resumption and lets a session closed on purpose leave, once however often close runs', async () => {
    const joining = connection.join(request);
    await tick();
    finishJoin(joinedAs(ada));
    await joining;
    await Promise.all([connection.close(false), connection.close(true), connection.close(false)]);
    expect(rooms.suspend).toHaveBeenCalledOnceWith({ room, participantId: ada });
    expect(rooms.leave).not.toHaveBeenCalled();
    expect(pusher.unregister).toHaveBeenCalledOnceWith(ada, socket);
  });

  it('keeps one knock per connection: the next join withdraws the previous knock, and so does closing', async () => {
    const first = connection.join(request);
    await tick();
    hooks?.knocked?.('knock-1');
    finishJoin(new DomainError('lobby.waiting', 'wait'));
    await expectAsync(first).toBeRejected();
    const second = connection.join(request);
    await tick();
    expect(rooms.withdrawKnock).toHaveBeenCalledOnceWith(room, 'knock-1');
    hooks?.knocked?.('knock-2');
    finishJoin(new DomainError('lobby.waiting', 'wait'));
    await expectAsync(second).toBeRejected();
    await connection.close(false);
    expect(rooms.withdrawKnock.calls.allArgs()).toEqual([
      [room, 'knock-1'],
      [room, 'knock-2'],
    ]);
  });

  it('lets go of a session another connection resumed without holding or removing it', async () => {
    const joining = connection.join(request);
    await tick();
    finishJoin(joinedAs(ada));
    await joining;
    connection.replaced();
    await connection.close(false);
    expect(rooms.suspend).not.toHaveBeenCalled();
    expect(rooms.leave).not.toHaveBeenCalled();
  });

  it('refuses in-room requests before a join and after a leave with session.not_joined', async () => {
    expect(() => connection.session()).toThrowMatching((error: unknown) => error instanceof DomainError && error.code === 'session.not_joined');
    const joining = connection.join(request);
    await tick();
    finishJoin(joinedAs(ada));
    await joining;
    await connection.leave();
    expect(rooms.leave).toHaveBeenCalledOnceWith({ room, participantId: ada }, 'left');
    expect(connection.state).toBe('idle');
    expect(() => connection.session()).toThrowMatching((error: unknown) => error instanceof DomainError && error.code === 'session.not_joined');
  });
});
